package dev.cos.installer.installed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running system: booted slot from the command line, partitions by label, STATE remounted read-write. */
class OnlineSystemTest {

    @TempDir
    Path temp;

    private static SystemFiles files(String cmdline, String mountInfo) {
        return new SystemFiles() {
            @Override
            public String mountInfo() {
                return mountInfo;
            }

            @Override
            public String swaps() {
                return "";
            }

            @Override
            public String kernelCommandLine() {
                return cmdline;
            }

            @Override
            public List<String> holders(String kernelName) {
                return List.of();
            }

            @Override
            public boolean readOnly(String kernelName) {
                return false;
            }

            @Override
            public Optional<String> loopBackingFile(String kernelName) {
                return Optional.empty();
            }
        };
    }

    private static RecordingCommandRunner byLabel() {
        return new RecordingCommandRunner()
                .answer(List.of("blkid", "-L", "COS_STATE"), "/dev/vda5\n")
                .answer(List.of("blkid", "-L", "COS_RECOVERY"), "/dev/vda4\n")
                .answer(List.of("blkid", "-L", "COS_OEM"), "/dev/vda3\n");
    }

    @Test
    void findsPartitionsByLabelUsesTheirMountsAndMountsTheRestPrivately() throws IOException {
        Path stateMount = Files.createDirectories(temp.resolve("state"));
        Files.writeString(stateMount.resolve("state.yaml"), "state: {label: COS_STATE}\n");
        Path oemMount = Files.createDirectories(temp.resolve("oem"));
        String mountInfo = "30 1 254:5 / " + stateMount + " ro,relatime shared:1 - ext4 /dev/vda5 ro\n"
                + "31 1 254:3 / " + oemMount + " rw,relatime shared:2 - ext4 /dev/vda3 rw\n";
        RecordingCommandRunner runner = byLabel();
        Path base = Files.createDirectories(temp.resolve("base"));
        SystemOpener opener = new SystemOpener(runner, new CommandMounter(runner), (p, t) -> true,
                files("root=LABEL=COS_STATE cos-img/filename=/cOS/passive.img panic=5", mountInfo), base);
        try (CleanupStack cleanup = new CleanupStack()) {
            OpenedSystem system = opener.open(new SystemLocation.Online(), true, cleanup);
            assertEquals(Optional.of(Slot.PASSIVE), system.booted());
            assertEquals(stateMount, system.mount(PartitionRole.STATE));
            assertEquals(oemMount, system.mount(PartitionRole.OEM));
            assertEquals(base.resolve("recovery"), system.mount(PartitionRole.RECOVERY));
            assertEquals("/dev/vda4", system.device(PartitionRole.RECOVERY));
        }
        assertEquals(List.of("blkid -L COS_STATE", "blkid -L COS_RECOVERY", "blkid -L COS_OEM",
                "mount /dev/vda4 " + base.resolve("recovery"), "umount " + base.resolve("recovery")), runner.lines());
    }

    /** Issue 13, item 2: online, the image that runs is the root filesystem, told by its UUID. */
    @Test
    void theRunningImageIsTheRootFilesystemAndActiveReplacedSinceTheBootIsNotIt() throws IOException {
        Path stateMount = Files.createDirectories(temp.resolve("state/cOS")).getParent();
        Files.writeString(stateMount.resolve("state.yaml"), "state: {label: COS_STATE}\n");
        Files.writeString(stateMount.resolve("cOS/active.img"), "2.0, written by an upgrade since the boot");
        Files.writeString(stateMount.resolve("cOS/passive.img"), "1.0, the image that runs (renamed from active.img)");
        Path oemMount = Files.createDirectories(temp.resolve("oem"));
        String mountInfo = "20 1 7:0 / / ro,relatime shared:1 - ext4 /dev/loop0 ro\n"
                + "30 20 254:5 / " + stateMount + " ro,relatime shared:2 - ext4 /dev/vda5 ro\n"
                + "31 20 254:3 / " + oemMount + " rw,relatime shared:3 - ext4 /dev/vda3 rw\n";
        RecordingCommandRunner runner = byLabel()
                .answer(List.of("blkid", "-p", "-o", "export", "/dev/loop0"), "UUID=AAAA-1\nTYPE=ext2\n")
                .answer(List.of("blkid", "-p", "-o", "export", stateMount.resolve("cOS/active.img").toString()),
                        "UUID=bbbb-2\nTYPE=ext2\n")
                .answer(List.of("blkid", "-p", "-o", "export", stateMount.resolve("cOS/passive.img").toString()),
                        "UUID=aaaa-1\nTYPE=ext2\n");
        SystemOpener opener = new SystemOpener(runner, new CommandMounter(runner), (p, t) -> true,
                files("cos-img/filename=/cOS/active.img", mountInfo), Files.createDirectories(temp.resolve("base")));
        try (CleanupStack cleanup = new CleanupStack()) {
            OpenedSystem system = opener.open(new SystemLocation.Online(), false, cleanup);
            assertEquals(Optional.of("/dev/loop0"), system.rootDevice());
            ImageIdentities ids = ImageIdentities.read(system, runner, java.util.Map.of());
            assertEquals(Optional.of("aaaa-1"), ids.running());
            assertFalse(ids.activeHasBooted(), "active.img is not what runs: it was written after the boot");
            assertFalse(ids.activeMayReplacePassive(true), "a second upgrade keeps passive, the running system");
            assertEquals(Optional.of(Slot.PASSIVE), ids.slotOf("aaaa-1"));
        }
    }

    @Test
    void theReadOnlyStateMountIsRemountedReadWriteAndBackReadOnly() {
        String mountInfo = "30 1 254:5 / " + SystemOpener.STATE_RUNTIME_MOUNT
                + " ro,relatime shared:1 - ext4 /dev/vda5 ro\n";
        RecordingCommandRunner runner = byLabel();
        SystemOpener opener = new SystemOpener(runner, new CommandMounter(runner), (p, t) -> true,
                files("cos-img/filename=/cOS/active.img", mountInfo), temp);
        CleanupStack cleanup = new CleanupStack();
        // No state.yaml under the real /run/initramfs/cos-state here: the open fails after the remount.
        InstallerException failure = assertThrows(InstallerException.class,
                () -> opener.open(new SystemLocation.Online(), true, cleanup));
        assertEquals(ErrorCode.STATE_FILE, failure.code());
        cleanup.unwind();
        List<String> lines = runner.lines();
        assertTrue(lines.contains("mount -o remount,rw " + SystemOpener.STATE_RUNTIME_MOUNT), lines::toString);
        assertEquals("mount -o remount,ro " + SystemOpener.STATE_RUNTIME_MOUNT, lines.get(lines.size() - 1),
                "read-only again, last: " + lines);
    }

    @Test
    void aSystemNotBootedFromACosImageIsRefused() {
        RecordingCommandRunner runner = byLabel();
        SystemOpener opener = new SystemOpener(runner, new CommandMounter(runner), (p, t) -> true,
                files("BOOT_IMAGE=/vmlinuz root=/dev/vda1", ""), temp);
        InstallerException failure = assertThrows(InstallerException.class,
                () -> opener.open(new SystemLocation.Online(), false, new CleanupStack()));
        assertEquals(ErrorCode.INVALID_TARGET, failure.code());
        assertTrue(failure.getMessage().contains("--target"), failure.getMessage());
    }

    @Test
    void aMissingLabelSaysSo() {
        RecordingCommandRunner runner = new RecordingCommandRunner().fail(List.of("blkid", "-L"), 2, "");
        SystemOpener opener = new SystemOpener(runner, new CommandMounter(runner), (p, t) -> true,
                files("cos-img/filename=/cOS/active.img", ""), temp);
        InstallerException failure = assertThrows(InstallerException.class,
                () -> opener.open(new SystemLocation.Online(), false, new CleanupStack()));
        assertTrue(failure.getMessage().contains("no filesystem labelled COS_STATE"), failure.getMessage());
    }
}
