package dev.cos.installer.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.disk.RootedSystemFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYaml;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rollback --swap on the fake disk: renames really happen (mv is carried out), state.yaml and the journal follow. */
class RollbackJobFlowTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private FakeInstalledDisk disk;
    private Path image;
    private Path mounts;
    private Path cos;

    @BeforeEach
    void setUp() throws IOException {
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk");
        mounts = Files.createDirectories(temp.resolve("mnt"));
        disk = new FakeInstalledDisk(temp).create();
        cos = disk.partition("state").resolve("cOS");
        String text = "# GRUB Environment Block\nsaved_entry=fallback\ncos_tries_active=x\nnext_entry=cos\n";
        Files.writeString(disk.partition("oem").resolve("grubenv"), text + "#".repeat(1024 - text.length()));
    }

    private static RecordingCommandRunner runner() {
        RecordingCommandRunner runner = new RecordingCommandRunner().on(c -> c.program().equals("mv"), c -> {
            try {
                Files.move(Path.of(c.argv().get(3)), Path.of(c.argv().get(4)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new CommandResult(c, 0, "", "");
        });
        return FakeInstalledDisk.answering(runner);
    }

    private RollbackJob job(RecordingCommandRunner runner, SystemLocation location) {
        SystemOpener opener = new SystemOpener(runner, disk.mounter(runner), (path, timeout) -> true,
                new RootedSystemFiles(temp), mounts);
        return new RollbackJob(location, runner, opener, mounts, CLOCK);
    }

    private SystemLocation offline() {
        return new SystemLocation.Offline(image, Optional.empty());
    }

    private InstallState state(String partition) throws IOException {
        return StateYamlReader.parse(Files.readString(disk.partition(partition).resolve("state.yaml")), partition);
    }

    @Test
    void swapTradesTheImagesAndTheirRecordsThroughTheParkedNameAndRecordsIt() throws IOException {
        RecordingCommandRunner runner = runner();
        job(runner, offline()).run(ProgressListener.NONE);
        assertEquals("older passive", Files.readString(cos.resolve("active.img")));
        assertEquals("old active", Files.readString(cos.resolve("passive.img")));
        assertFalse(Files.exists(cos.resolve(RollbackJob.PARKED)) || Files.exists(cos.resolve(RollbackJob.JOURNAL)));
        String dir = mounts.resolve("state/cOS") + "/";
        assertEquals(List.of("mv --no-target-directory -- " + dir + "active.img " + dir + "rollback.img",
                "mv --no-target-directory -- " + dir + "passive.img " + dir + "active.img",
                "mv --no-target-directory -- " + dir + "rollback.img " + dir + "passive.img"),
                runner.lines().stream().filter(l -> l.startsWith("mv ")).toList());
        assertTrue(runner.lines().contains("tune2fs -L COS_ACTIVE " + dir + "active.img"));
        assertTrue(runner.lines().contains("tune2fs -L COS_PASSIVE " + dir + "passive.img"));
        for (String partition : List.of("state", "recovery")) {
            InstallState after = state(partition);
            assertEquals("dir:///older", after.active().source(), partition);
            assertEquals(Optional.of("COS_ACTIVE"), after.active().label());
            assertEquals("dir:///old", after.passive().source());
            assertEquals(OffsetDateTime.parse("2026-11-27T00:00:00Z"), after.date());
        }
        assertTrue(runner.lines().contains("grub-editenv " + mounts.resolve("grubenv.edit")
                + " unset cos_tries_active saved_entry"), "counters and saved_entry=fallback removed: " + runner.lines());
        assertEquals("rollback", HistoryLog.read(disk.partition("state")).get(0).kind());
        assertEquals("dir:///older", HistoryLog.read(disk.partition("state")).get(0).detail().get("activeSource"));
    }

    @Test
    void grubsFailureMarkFollowsTheFailedImageToPassive() throws IOException {
        String text = "# GRUB Environment Block\ncos_failed_active=yes\n";
        Files.writeString(disk.partition("oem").resolve("grubenv"), text + "#".repeat(1024 - text.length()));
        RecordingCommandRunner runner = runner();
        job(runner, offline()).run(ProgressListener.NONE);
        assertTrue(runner.lines().contains("grub-editenv " + mounts.resolve("grubenv.edit") + " set cos_failed_passive=yes"),
                runner.lines().toString());
        assertTrue(runner.lines().contains("grub-editenv " + mounts.resolve("grubenv.edit") + " unset cos_failed_active"),
                "the system kept (now active) is tried again: " + runner.lines());
    }

    @Test
    void aRunKilledAfterParkingActiveGoesOnFromTheJournal() throws IOException {
        InstallState target = RollbackJob.swapped(state("state"), OffsetDateTime.parse("2026-11-26T12:00:00Z"));
        Files.writeString(cos.resolve(RollbackJob.JOURNAL), StateYaml.render(target));
        Files.move(cos.resolve("active.img"), cos.resolve(RollbackJob.PARKED));
        RecordingCommandRunner runner = runner();
        job(runner, offline()).run(ProgressListener.NONE);
        assertEquals("older passive", Files.readString(cos.resolve("active.img")));
        assertEquals("old active", Files.readString(cos.resolve("passive.img")));
        assertEquals(2, runner.lines().stream().filter(l -> l.startsWith("mv ")).count(), "the parking is not repeated");
        assertEquals(target, state("state"));
        assertEquals(target, state("recovery"));
        assertFalse(Files.exists(cos.resolve(RollbackJob.JOURNAL)));
    }

    @Test
    void aRunKilledAfterTheLastRenameOnlyFinishesAndDoesNotSwapBack() throws IOException {
        InstallState target = RollbackJob.swapped(state("state"), OffsetDateTime.parse("2026-11-26T12:00:00Z"));
        String yaml = StateYaml.render(target);
        Files.writeString(cos.resolve(RollbackJob.JOURNAL), yaml);
        Files.writeString(disk.partition("state").resolve("state.yaml"), yaml);
        Files.writeString(cos.resolve("active.img"), "older passive");
        Files.writeString(cos.resolve("passive.img"), "old active");
        RecordingCommandRunner runner = runner();
        job(runner, offline()).run(ProgressListener.NONE);
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mv ")), runner.lines()::toString);
        assertEquals("older passive", Files.readString(cos.resolve("active.img")));
        assertEquals(target, state("recovery"), "the mirror catches up");
        assertFalse(Files.exists(cos.resolve(RollbackJob.JOURNAL)));
    }

    @Test
    void withoutPassiveNothingChanges() throws IOException {
        Files.delete(cos.resolve("passive.img"));
        RecordingCommandRunner runner = runner();
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner, offline()).run(ProgressListener.NONE));
        assertTrue(failure.getMessage().contains("no passive.img"), failure.getMessage());
        assertEquals("old active", Files.readString(cos.resolve("active.img")));
        assertEquals(FakeInstalledDisk.STATE_YAML, Files.readString(disk.partition("state").resolve("state.yaml")));
        assertFalse(Files.exists(cos.resolve(RollbackJob.JOURNAL)));
        assertEquals("losetup --detach /dev/loop7", runner.lines().get(runner.lines().size() - 1));
    }

    @Test
    void theRunningSystemBootedFromActiveIsRefused() {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer(List.of("blkid", "-L", "COS_STATE"), "/dev/vda5\n")
                .answer(List.of("blkid", "-L", "COS_RECOVERY"), "/dev/vda4\n")
                .answer(List.of("blkid", "-L", "COS_OEM"), "/dev/vda3\n");
        Path root = temp.resolve("root");
        try {
            Files.createDirectories(root.resolve("proc/self"));
            Files.writeString(root.resolve("proc/cmdline"), "root=LABEL=COS_STATE cos-img/filename=/cOS/active.img\n");
            Files.writeString(root.resolve("proc/self/mountinfo"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SystemOpener opener = new SystemOpener(runner, disk.mounter(runner), (path, timeout) -> true,
                new RootedSystemFiles(root), mounts);
        StepFailedException failure = assertThrows(StepFailedException.class, () ->
                new RollbackJob(new SystemLocation.Online(), runner, opener, mounts, CLOCK).run(ProgressListener.NONE));
        assertEquals(ErrorCode.IN_USE, ((InstallerException) failure.getCause()).code());
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mv ")));
    }
}
