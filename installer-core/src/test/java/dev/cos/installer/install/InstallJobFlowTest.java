package dev.cos.installer.install;

import dev.cos.installer.disk.DeviceNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.layout.LayoutRequest;
import dev.cos.installer.layout.LayoutResult;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.source.DirectorySource;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.tools.LoopBacking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact command sequence of an install, and the cleanup after a failure at each step. */
class InstallJobFlowTest {

    private static final String LOOP = "/dev/loop7";
    private static final String MODULES = "part_gpt part_msdos fat ext2 squash4 loopback search search_label"
            + " search_fs_file search_fs_uuid loadenv test normal linux echo configfile halt reboot true sleep serial"
            + " terminal gzio xzio lzopio cat ls";

    private static final TargetGuard NOT_IN_USE = device -> List.of();

    @TempDir
    Path temp;

    private Path tree;
    private Path image;
    private Path mounts;
    private Path cloudInit;

    @BeforeEach
    void setUp() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        Files.createDirectories(tree.resolve("etc"));
        Files.createDirectories(tree.resolve("usr"));
        Files.writeString(tree.resolve("etc/os-release"), "NAME=demo\nVERSION_ID=1\n");
        image = temp.resolve("disk.img");
        mounts = Files.createDirectories(temp.resolve("mnt"));
        cloudInit = Files.writeString(temp.resolve("user.yaml"), "#cloud-config\nhostname: demo\n");
    }

    private PreparedInstall prepared() {
        InstallSpec base = InstallSpec.of(image.toString(), Optional.of(ByteSize.ofGiB(8)), tree.toString());
        InstallSpec spec = new InstallSpec(base.target(), base.createSize(), base.source(), Optional.empty(), Map.of(),
                Map.of(), Optional.empty(), base.recoveryFs(), base.squashCompression(), List.of(cloudInit), false, 2);
        LayoutResult result = new LayoutPlanner().plan(new LayoutRequest(ByteSize.ofGiB(8), Firmware.HYBRID, Map.of(),
                Map.of(), ByteSize.ofMiB(100), Optional.empty(), true));
        PartitionPlan plan = ((LayoutResult.Planned) result).plan();
        SourceFacts facts = new SourceFacts("dir://" + tree, "ab".repeat(32), 1234, ByteSize.ofMiB(100), 3, Optional.empty());
        return new PreparedInstall(spec, new ResolvedTarget(TargetKind.NEW_FILE, image, ByteSize.ofGiB(8), 512),
                Firmware.HYBRID, new DirectorySource(tree), facts, plan);
    }

    /** Partition nodes appear only once partx has told the kernel about them, as on this machine's kernel. */
    private static DeviceNodes nodesAfterPartx(RecordingCommandRunner runner) {
        return (path, timeout) -> runner.lines().stream().anyMatch(line -> line.startsWith("partx --add"));
    }

    /**
     * Records mount commands like the real mounter; on unmount moves what was written into the
     * mount point to {@code partitions/<name>}, as a real unmount takes the partition's files away.
     */
    private Mounter capturingMounter(RecordingCommandRunner runner) {
        return new CommandMounter(runner).andAfterUnmount(mountPoint -> {
            try {
                Path partition = Files.createDirectories(temp.resolve("partitions")).resolve(mountPoint.getFileName());
                Files.move(mountPoint, partition);
                Files.createDirectory(mountPoint);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private InstallJob job(RecordingCommandRunner runner) {
        return job(runner, op -> { });
    }

    private InstallJob job(RecordingCommandRunner runner, java.util.function.Consumer<String> fileOperations) {
        return new InstallJob(prepared(), runner, capturingMounter(runner), nodesAfterPartx(runner),
                new SourceUnpacker(runner, new CommandMounter(runner)), NOT_IN_USE, mounts,
                Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC), fileOperations,
                ImageFiles.system(Optional.empty()));
    }

    private RecordingCommandRunner runner() {
        return backedByTheImage(new RecordingCommandRunner().answer(List.of("losetup", "--find"), LOOP + "\n"));
    }

    /** losetup --list answers the inode and device of the image file, as for a loop device over it. */
    private RecordingCommandRunner backedByTheImage(RecordingCommandRunner runner) {
        return runner.on(RecordingCommandRunner.startsWith(List.of("losetup", "--list")), c -> {
            try {
                LoopBacking.FileIdentity file = LoopBacking.FileIdentity.of(image);
                return new CommandResult(c, 0, "  " + file.inode() + "      " + file.major() + ":" + file.minor() + "  \n", "");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private List<String> expectedInstallCommands() {
        String m = mounts.toString();
        return List.of(
                "losetup --find --show --partscan " + image,
                "losetup --list --noheadings --output BACK-INO,BACK-MAJ:MIN " + LOOP,
                "wipefs --all " + LOOP,
                "sgdisk --zap-all " + LOOP,
                "sgdisk --new=1:2048:4095 --typecode=1:EF02 --change-name=1:bios"
                        + " --new=2:4096:135167 --typecode=2:EF00 --change-name=2:efi"
                        + " --new=3:135168:266239 --typecode=3:8300 --change-name=3:oem"
                        + " --new=4:266240:999423 --typecode=4:8300 --change-name=4:recovery"
                        + " --new=5:999424:3551231 --typecode=5:8300 --change-name=5:state"
                        + " --new=6:3551232:16775167 --typecode=6:8300 --change-name=6:persistent " + LOOP,
                "partx --add " + LOOP,
                "mkfs.vfat -F 32 -n COS_GRUB /dev/loop7p2",
                "mkfs.ext4 -F -q -L COS_OEM /dev/loop7p3",
                "mkfs.ext4 -F -q -L COS_RECOVERY /dev/loop7p4",
                "mkfs.ext4 -F -q -L COS_STATE /dev/loop7p5",
                "mkfs.ext4 -F -q -L COS_PERSISTENT /dev/loop7p6",
                "mount -t ext4 /dev/loop7p5 " + m + "/state",
                "mount -t ext4 /dev/loop7p4 " + m + "/recovery",
                "mount -t ext4 /dev/loop7p3 " + m + "/oem",
                "mount -t ext4 /dev/loop7p6 " + m + "/persistent",
                "mkfs.ext2 -F -q -L COS_ACTIVE -d " + tree + " " + m + "/state/cOS/active.img 356M",
                "debugfs -w -f - " + m + "/state/cOS/active.img",
                "cp --sparse=always " + m + "/state/cOS/active.img " + m + "/state/cOS/passive.img",
                "tune2fs -L COS_PASSIVE " + m + "/state/cOS/passive.img",
                "mksquashfs " + tree + " " + m + "/recovery/cOS/recovery.squashfs -noappend -b 1024k -comp gzip"
                        + " -Xcompression-level 6"
                        + " -p '/run d 755 0 0' -p '/dev d 755 0 0' -p '/boot d 755 0 0' -p '/usr/local d 755 0 0'"
                        + " -p '/oem d 755 0 0' -p '/proc d 755 0 0' -p '/sys d 755 0 0' -p '/tmp d 1777 0 0'",
                "grub-editenv " + m + "/state/grub_oem_env create",
                "grub-editenv " + m + "/state/grub_oem_env set state_label=COS_STATE active_label=COS_ACTIVE"
                        + " passive_label=COS_PASSIVE recovery_label=COS_RECOVERY system_label=COS_SYSTEM"
                        + " oem_label=COS_OEM persistent_label=COS_PERSISTENT default_menu_entry=cOS cos_max_tries=xx",
                "grub-editenv " + m + "/oem/grubenv create",
                "mmd -i /dev/loop7p2 ::/EFI ::/EFI/BOOT",
                "cp -r --preserve=mode,timestamps /usr/lib/grub/x86_64-efi " + m + "/state/grub2",
                "grub-mkimage -O x86_64-efi -d /usr/lib/grub/x86_64-efi -o " + m + "/state/grub2/x86_64-efi/grub.efi"
                        + " -c " + m + "/state/grub2/embedded.cfg -p /grub2 " + MODULES + " efi_gop all_video",
                "mcopy -o -i /dev/loop7p2 " + m + "/state/grub2/x86_64-efi/grub.efi ::/EFI/BOOT/BOOTX64.NEW",
                "mren -D o -i /dev/loop7p2 ::/EFI/BOOT/BOOTX64.NEW ::/EFI/BOOT/BOOTX64.EFI",
                "cp -r --preserve=mode,timestamps /usr/lib/grub/i386-pc " + m + "/state/grub2",
                "grub-mkimage -O i386-pc -d /usr/lib/grub/i386-pc -o " + m + "/state/grub2/i386-pc/core.img"
                        + " -c " + m + "/state/grub2/embedded.cfg -p /grub2 " + MODULES + " biosdisk",
                "dd if=" + m + "/state/grub2/i386-pc/core.img of=/dev/loop7p1 bs=512 seek=1024 conv=notrunc,fsync status=none",
                "dd of=/dev/loop7p1 bs=1 seek=524788 count=8 conv=notrunc,fsync status=none",
                "dd of=/dev/loop7 bs=440 count=1 iflag=fullblock conv=notrunc,fsync status=none",
                "dd if=" + m + "/state/grub2/i386-pc/core.img of=/dev/loop7p1 bs=512 seek=0 conv=notrunc,fsync status=none",
                "dd of=/dev/loop7p1 bs=1 seek=500 count=8 conv=notrunc,fsync status=none",
                "dd of=/dev/loop7 bs=440 count=1 iflag=fullblock conv=notrunc,fsync status=none",
                "sync",
                "umount " + m + "/persistent",
                "umount " + m + "/oem",
                "umount " + m + "/recovery",
                "umount " + m + "/state",
                "partx --delete " + LOOP,
                "losetup --detach " + LOOP);
    }

    @Test
    void installRunsExactlyTheseCommandsInOrder() throws IOException {
        RecordingCommandRunner runner = runner();
        List<String> steps = new ArrayList<>();
        job(runner).run(new ProgressListener() {
            @Override
            public void stepStarted(String step, String title, int index, int total) {
                steps.add(step);
            }
        });
        assertEquals(expectedInstallCommands(), runner.lines());
        assertEquals(List.of("create-image", "attach", "partition", "format", "mount", "unpack", "active", "passive",
                "recovery", "boot-env", "bootloader", "cloud-init", "state", "sync"), steps);
    }

    @Test
    void biosBootCodePointsAtCoreImgInTheBiosBootPartition() {
        RecordingCommandRunner runner = runner();
        job(runner).run(ProgressListener.NONE);
        // The bios partition starts at sector 2048: core.img goes to its second half (sector 3072) and
        // the MBR's boot code points there, then to its first half and the MBR points at 2048. Each
        // core.img's first sector loads the rest from its own next sector.
        List<String> patches = new ArrayList<>();
        for (dev.cos.installer.process.Command c : runner.commands()) {
            if (c.program().equals("dd") && c.stdin().isPresent()) {
                byte[] data = c.stdin().get();
                patches.add(c.argv().get(1) + " " + (data.length == 8 ? java.util.HexFormat.of().formatHex(data)
                        : "boot code loading sector " + java.nio.ByteBuffer.wrap(data)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0x5C)
                                + (data[0x66] == (byte) 0x90 && data[0x67] == (byte) 0x90 ? ", drive check on" : "")));
            }
        }
        assertEquals(List.of(
                "of=/dev/loop7p1 010c000000000000",
                "of=/dev/loop7 boot code loading sector 3072, drive check on",
                "of=/dev/loop7p1 0108000000000000",
                "of=/dev/loop7 boot code loading sector 2048, drive check on"), patches);
    }

    @Test
    void writesStateYamlToStateAndRecoveryAndCloudInitToOem() throws IOException {
        // The flow test's mounts are plain directories, so the files the job writes land there.
        List<String> seen = new ArrayList<>();
        job(runner(), seen::add).run(ProgressListener.NONE);
        assertEquals(List.of("write COS_RECOVERY:/grub2/grub.cfg", "write COS_STATE:/grub2/grub.cfg",
                "write COS_STATE:/grub2/embedded.cfg",
                "copy " + cloudInit + " to COS_OEM:/90_custom.yaml", "write COS_STATE:/state.yaml",
                "write COS_RECOVERY:/state.yaml", "append COS_STATE:/history.jsonl"), seen);
        Path partitions = temp.resolve("partitions");
        assertEquals(Files.readString(cloudInit), Files.readString(partitions.resolve("oem/90_custom.yaml")));
        String state = Files.readString(partitions.resolve("state/state.yaml"));
        assertEquals(state, Files.readString(partitions.resolve("recovery/state.yaml")));
        assertTrue(state.startsWith("# "), "a first comment line");
        assertTrue(state.contains("\ndate: 2026-11-26T00:00:00Z\n"), state);
        assertTrue(state.contains("digest: sha256:" + "ab".repeat(32)), state);
        assertTrue(state.contains("source: dir://" + tree), state);
        String grubCfg = Files.readString(partitions.resolve("state/grub2/grub.cfg"));
        assertTrue(grubCfg.contains("menuentry \"${default_menu_entry}\" --id cos {"), grubCfg);
        assertTrue(Files.readString(partitions.resolve("state/grub2/embedded.cfg"))
                .contains("search --no-floppy --label COS_STATE --set root"));
        try (Stream<Path> left = Files.list(mounts)) {
            assertEquals(List.of(), left.toList(), "mount points are removed at the end");
        }
    }

    /**
     * The summary page was shown with the disk free; then the person mounted one of its
     * partitions. The install refuses the disk before its first write: no command ran at all.
     */
    @Test
    void aDiskMountedAfterThePreflightIsRefusedBeforeAnyWrite() {
        RecordingCommandRunner runner = runner();
        String disk = "/dev/vdz";
        boolean[] mounted = {false};
        TargetGuard guard = device -> mounted[0] ? List.of(device + "1 is mounted at /media/usb: unmount it first") : List.of();
        PreparedInstall free = prepared();
        PreparedInstall onDisk = new PreparedInstall(free.spec(), new ResolvedTarget(TargetKind.BLOCK_DEVICE, Path.of(disk),
                ByteSize.ofGiB(8), 512), free.firmware(), free.source(), free.sourceFacts(), free.plan());
        assertEquals(List.of(), guard.reasonsNotToUse(disk), "the preflight found it free");
        mounted[0] = true;

        StepFailedException e = assertThrows(StepFailedException.class, () -> new InstallJob(onDisk, runner,
                capturingMounter(runner), (path, timeout) -> true, new SourceUnpacker(runner, new CommandMounter(runner)),
                guard, mounts, Clock.systemUTC(), op -> { }, ImageFiles.system(Optional.empty())).run(ProgressListener.NONE));

        assertEquals("partition", e.stepId());
        assertEquals(ErrorCode.INVALID_TARGET, e.code());
        assertEquals(disk + " came into use after it was checked, so nothing was written to it: " + disk
                + "1 is mounted at /media/usb: unmount it first", e.getMessage());
        assertEquals(List.of(), runner.lines(), "no command ran, so nothing was written");
    }

    @Test
    void wipefsIsNeverForced() {
        RecordingCommandRunner runner = runner();
        job(runner).run(ProgressListener.NONE);
        assertTrue(runner.commands().stream().filter(c -> c.program().equals("wipefs"))
                .noneMatch(c -> c.argv().contains("--force") || c.argv().contains("-f")), runner.lines().toString());
    }

    @Test
    void kernelsThatCreatePartitionNodesThemselvesNeedNoPartx() {
        RecordingCommandRunner runner = runner();
        new InstallJob(prepared(), runner, capturingMounter(runner), (path, timeout) -> true,
                new SourceUnpacker(runner, new CommandMounter(runner)), NOT_IN_USE, mounts, Clock.systemUTC(), op -> { },
                ImageFiles.system(Optional.empty()))
                .run(ProgressListener.NONE);
        List<String> expected = expectedInstallCommands().stream()
                .filter(c -> !c.startsWith("partx")).toList();
        assertEquals(expected, runner.lines());
    }

    static Stream<Arguments> failurePoints() {
        return Stream.of(
                Arguments.of("losetup --find", "attach", ErrorCode.LOOP_DEVICE, List.of()),
                Arguments.of("losetup --list", "attach", ErrorCode.LOOP_DEVICE, List.of("losetup --detach")),
                Arguments.of("wipefs", "partition", ErrorCode.PARTITIONING, List.of("losetup --detach")),
                Arguments.of("sgdisk --new", "partition", ErrorCode.PARTITIONING, List.of("losetup --detach")),
                Arguments.of("partx --add", "partition", ErrorCode.PARTITIONING, List.of("losetup --detach")),
                Arguments.of("mkfs.vfat", "format", ErrorCode.FORMAT, List.of("partx --delete", "losetup --detach")),
                Arguments.of("mkfs.ext4 -F -q -L COS_STATE", "format", ErrorCode.FORMAT,
                        List.of("partx --delete", "losetup --detach")),
                Arguments.of("mount -t ext4 /dev/loop7p4", "mount", ErrorCode.MOUNT,
                        List.of("umount MNT/state", "partx --delete", "losetup --detach")),
                Arguments.of("mkfs.ext2", "active", ErrorCode.IMAGE_BUILD, allMountsUndone()),
                Arguments.of("debugfs", "active", ErrorCode.IMAGE_BUILD, allMountsUndone()),
                Arguments.of("cp --sparse", "passive", ErrorCode.IMAGE_BUILD, allMountsUndone()),
                Arguments.of("tune2fs", "passive", ErrorCode.IMAGE_BUILD, allMountsUndone()),
                Arguments.of("mksquashfs", "recovery", ErrorCode.IMAGE_BUILD, allMountsUndone()),
                Arguments.of("grub-editenv", "boot-env", ErrorCode.STATE_FILE, allMountsUndone()),
                Arguments.of("mmd", "boot-env", ErrorCode.STATE_FILE, allMountsUndone()),
                Arguments.of("cp -r --preserve=mode,timestamps /usr/lib/grub/x86_64-efi", "bootloader",
                        ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("grub-mkimage -O x86_64-efi", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("mcopy", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("mren", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("cp -r --preserve=mode,timestamps /usr/lib/grub/i386-pc", "bootloader",
                        ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("grub-mkimage -O i386-pc", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("dd if=", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("dd of=/dev/loop7p1", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("dd of=/dev/loop7 bs=440", "bootloader", ErrorCode.BOOTLOADER, allMountsUndone()),
                Arguments.of("sync", "sync", ErrorCode.INTERNAL, allMountsUndone()));
    }

    private static List<String> allMountsUndone() {
        return List.of("umount MNT/persistent", "umount MNT/oem", "umount MNT/recovery", "umount MNT/state",
                "partx --delete", "losetup --detach");
    }

    @ParameterizedTest(name = "failure in {0}")
    @MethodSource("failurePoints")
    void aFailureStopsTheInstallAndUndoesEverythingInReverse(String failingPrefix, String step, ErrorCode code,
                                                             List<String> expectedCleanup) throws IOException {
        RecordingCommandRunner runner = backedByTheImage(new RecordingCommandRunner()
                .on(c -> c.display().startsWith(failingPrefix), c -> new CommandResult(c, 1, "", "boom: " + failingPrefix))
                .answer(List.of("losetup", "--find"), LOOP + "\n"));
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner).run(ProgressListener.NONE));
        assertEquals(step, failure.stepId());
        assertEquals(code, failure.code());
        assertTrue(failure.getMessage().contains("boom: " + failingPrefix), failure.getMessage());
        assertTrue(failure.details().orElse("").contains("exit code: 1"), "details carry the exit code");

        List<String> lines = runner.lines();
        int failedAt = indexOf(lines, failingPrefix);
        List<String> after = lines.subList(failedAt + 1, lines.size()).stream()
                .map(line -> line.replace(mounts.toString(), "MNT").replace(" " + LOOP, "")).toList();
        assertEquals(expectedCleanup, after, "exactly the cleanup of what was set up, newest first");
        assertFalse(Files.exists(image), "the partly written image file is removed");
        try (Stream<Path> left = Files.list(mounts)) {
            assertEquals(List.of(), left.toList(), "no mount point is left behind");
        }
    }

    @Test
    void theNewImageFileIsSparseOfTheTargetSizeAndPrivate() throws IOException {
        job(runner()).run(ProgressListener.NONE);
        assertEquals(8L << 30, Files.size(image));
        assertTrue(Long.parseLong(dev.cos.installer.testsupport.Tools.run("stat", "--format=%b", image.toString()).strip()) < 64,
                "sparse: only the last block is allocated");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)),
                "private: COS_OEM will hold the cloud-init files");
    }

    @Test
    void anImageFileThatAppearedAfterTheChecksIsNeitherUsedNorRemoved() throws IOException {
        Files.writeString(image, "someone else's");
        RecordingCommandRunner runner = runner();
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner).run(ProgressListener.NONE));
        assertEquals("create-image", failure.stepId());
        assertEquals(ErrorCode.LOOP_DEVICE, failure.code());
        assertTrue(failure.getMessage().contains("it appeared after the checks"), failure.getMessage());
        assertEquals(List.of(), runner.lines(), "nothing ran");
        assertEquals("someone else's", Files.readString(image), "not truncated, not removed");
    }

    @Test
    void aSymbolicLinkPutWhereTheImageFileGoesIsNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(temp.resolve("elsewhere"), "kept");
        Files.createSymbolicLink(image, elsewhere);
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner()).run(ProgressListener.NONE));
        assertEquals("create-image", failure.stepId());
        assertEquals("kept", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(image), "the link is left as it was");
    }

    @Test
    void aLoopDeviceThatReadsAnotherFileIsDetachedAndNothingIsWritten() {
        RecordingCommandRunner runner = new RecordingCommandRunner().answer(List.of("losetup", "--find"), LOOP + "\n")
                .answer(List.of("losetup", "--list"), "  4242      254:0\n");
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner).run(ProgressListener.NONE));
        assertEquals("attach", failure.stepId());
        assertEquals(ErrorCode.LOOP_DEVICE, failure.code());
        assertTrue(failure.getMessage().contains("the loop device " + LOOP + " reads inode 4242 on device 254:0, not " + image),
                failure.getMessage());
        assertEquals(List.of("losetup --find --show --partscan " + image,
                "losetup --list --noheadings --output BACK-INO,BACK-MAJ:MIN " + LOOP, "losetup --detach " + LOOP), runner.lines());
        assertFalse(Files.exists(image), "the file this run created is removed");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starts with " + prefix + " in " + lines);
    }
}
