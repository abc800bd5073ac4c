package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunLeftoversTest {

    private static final Path TMP = Path.of("/tmp");
    /** Runs 4242 and 77 have ended; 9000 is still running (another worktree's tests, say). */
    private static final Set<Long> ENDED = Set.of(4242L, 77L);

    private static final String LOSETUP = """
            {"loopdevices": [
              {"name": "/dev/loop0", "back-file": "/tmp/cos-test-4242-123/disk.img"},
              {"name": "/dev/loop1", "back-file": "/tmp/cos-test-4242-123/copy.img (deleted)"},
              {"name": "/dev/loop2", "back-file": "/tmp/cos-test-9000-55/disk.img"},
              {"name": "/dev/loop3", "back-file": "/tmp/junit-8296854605473992029/disk.img"},
              {"name": "/dev/loop4", "back-file": "/var/lib/images/cos-test-4242-1/disk.img"},
              {"name": "/dev/loop5", "back-file": "/tmp/cos-test-x-1/disk.img"},
              {"name": "/dev/loop6", "back-file": "/tmp/cos-test-77-9/sub/dir/disk.img"},
              {"name": "/dev/loop7", "back-file": "/tmp/other/cos-test-4242-1/disk.img"}
            ]}
            """;

    private static final String FINDMNT = """
            {"filesystems": [
              {"source": "/dev/vda1", "target": "/"},
              {"source": "/dev/loop0p5", "target": "/run/cos-installer/install-4243-1/state"},
              {"source": "/dev/loop0p3", "target": "/run/cos-installer/install-4243-1/state/oem"},
              {"source": "/dev/loop10p5", "target": "/run/cos-installer/install-1-1/state"},
              {"source": "/dev/loop2p5", "target": "/tmp/cos-test-9000-55/mnt"},
              {"source": "tmpfs", "target": "/tmp/cos-test-77-9/mnt"},
              {"source": "/dev/loop3", "target": "/tmp/junit-8296854605473992029/mnt"}
            ]}
            """;

    @Test
    void onlyLoopDevicesBackedByAFileInTheTempDirOfAnEndedRunAreOurs() {
        RunLeftovers.Selection left = RunLeftovers.select(TMP, LOSETUP, FINDMNT, ENDED::contains);
        assertEquals(List.of("/dev/loop0", "/dev/loop1", "/dev/loop6"),
                left.loops().stream().map(RunLeftovers.Loop::device).toList(),
                "not a running run's (loop2), not a loop device whose file lies elsewhere (loop3, loop4, loop7)");
    }

    @Test
    void theirMountsAreUnmountedDeepestFirst() {
        RunLeftovers.Selection left = RunLeftovers.select(TMP, LOSETUP, FINDMNT, ENDED::contains);
        assertEquals(List.of("/run/cos-installer/install-4243-1/state/oem", "/run/cos-installer/install-4243-1/state",
                        "/tmp/cos-test-77-9/mnt"),
                left.mounts().stream().map(RunLeftovers.Mount::target).toList(),
                "the engine's mounts of our loop devices, and mounts inside an ended run's temp dir; not loop10's");
    }

    @Test
    void atARunsOwnEndOnlyItsOwnLeftoversAreReleased() {
        RunLeftovers.Selection left = RunLeftovers.select(TMP, LOSETUP, FINDMNT, pid -> pid == 9000L);
        assertEquals(List.of("/dev/loop2"), left.loops().stream().map(RunLeftovers.Loop::device).toList());
        assertEquals(List.of("/tmp/cos-test-9000-55/mnt"), left.mounts().stream().map(RunLeftovers.Mount::target).toList());
    }

    @Test
    void nothingListedIsNothingToRelease() {
        assertTrue(RunLeftovers.select(TMP, "", "", pid -> true).isEmpty(), "losetup prints nothing when no loop is attached");
    }

    @Test
    void theOwnerIsThePidInTheTempDirName() {
        assertEquals(OptionalLong.of(4242), RunLeftovers.owner(TMP, "/tmp/cos-test-4242-123/disk.img"));
        assertEquals(OptionalLong.empty(), RunLeftovers.owner(TMP, "/tmp/cos-test-4242-123"), "the directory itself backs nothing");
        assertEquals(OptionalLong.empty(), RunLeftovers.owner(TMP, "/tmp/cos-testing-4242-1/disk.img"));
    }
}
