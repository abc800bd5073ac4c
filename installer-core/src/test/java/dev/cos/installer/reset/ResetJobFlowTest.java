package dev.cos.installer.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.boot.BootEnvironment;
import dev.cos.installer.boot.BootloaderInstaller;
import dev.cos.installer.boot.BootloaderTarget;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.disk.RootedSystemFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.Slot;
import dev.cos.installer.source.ImageFetcher;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceScanner;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.job.TestStop;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import dev.cos.installer.upgrade.UpgradeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The exact command sequence of resets, and the cleanup after a failure at each kind of step. */
class ResetJobFlowTest {

    private static final String LOOP = FakeInstalledDisk.LOOP;
    private static final GrubFiles GRUB = new GrubFiles(Path.of("/usr/lib/grub/i386-pc"), Path.of("/usr/lib/grub/x86_64-efi"));
    /** Partition nodes of the fixture table by GPT name. */
    private static final Map<String, String> NODES = Map.of(LOOP + "p3", "oem", LOOP + "p4", "recovery", LOOP + "p5", "state",
            LOOP + "p6", "persistent");

    @TempDir
    Path temp;

    private FakeInstalledDisk disk;
    private Path image;
    private Path tree;
    private Path mounts;
    private ByteSize free = ByteSize.ofGiB(4);
    /** What COS_STATE holds when empty (the reset checks against it before it formats). */
    private ByteSize capacity = ByteSize.ofGiB(4);
    private ImageFetcher fetcher = (source, directory, progress) -> {
        throw new AssertionError("no download expected: " + source);
    };

    @BeforeEach
    void setUp() throws IOException {
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk");
        tree = Files.createDirectories(temp.resolve("tree/etc")).getParent();
        Files.writeString(tree.resolve("etc/os-release"), "VERSION_ID=2\n");
        mounts = Files.createDirectories(temp.resolve("mnt"));
        disk = new FakeInstalledDisk(temp).create();
        Files.writeString(disk.partition("persistent").resolve("user-file"), "kept?");
        Files.writeString(disk.partition("oem").resolve("90_custom.yaml"), "#cloud-config\n");
        Files.writeString(disk.partition("state").resolve("grub_oem_env"), "# GRUB Environment Block\ncos_max_tries=xx\n"
                + "#".repeat(980));
    }

    /** Like the fixtures' disk; mkfs.ext4 empties the partition it formats (which is unmounted then). */
    private RecordingCommandRunner runner(RecordingCommandRunner base) {
        FakeInstalledDisk.creatingImages(base);
        base.on(c -> c.program().equals("mkfs.ext4"), c -> {
            Path partition = disk.partition(NODES.get(c.argv().get(c.argv().size() - 1)));
            FakeInstalledDisk.delete(partition);
            try {
                Files.createDirectories(partition);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new CommandResult(c, 0, "", "");
        });
        return FakeInstalledDisk.answering(base);
    }

    private ResetJob job(RecordingCommandRunner runner, Slot booted, Optional<String> source, boolean persistent, boolean oem) {
        ResetSpec spec = new ResetSpec(new SystemLocation.Offline(image, Optional.of(booted)), source, persistent, oem);
        SystemOpener opener = new SystemOpener(runner, disk.mounter(runner), (path, timeout) -> true,
                new RootedSystemFiles(temp), mounts);
        return new ResetJob(spec, runner, disk.mounter(runner), opener, new SourceScanner(runner),
                new SourceUnpacker(runner, new CommandMounter(runner)), new FreeSpace() {
                    @Override
                    public ByteSize usable(Path mountPoint) {
                        return free;
                    }

                    @Override
                    public ByteSize capacity(Path mountPoint) {
                        return capacity;
                    }
                }, GRUB,
                Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC), TestStop.none(),
                new SourceLocator(fetcher, temp, warning -> { }));
    }

    private String mnt(String path) {
        return mounts.resolve(path).toString();
    }

    private List<String> opening() {
        return List.of(
                "losetup --associated " + image,
                "losetup --find --show --partscan " + image,
                "losetup --list --noheadings --output BACK-INO,BACK-MAJ:MIN " + LOOP,
                "sfdisk -J " + LOOP,
                "blkid -p -o export /dev/loop7p5",
                "mount -t ext4 /dev/loop7p5 " + mnt("state"),
                "blkid -p -o export /dev/loop7p4",
                "mount -t ext4 /dev/loop7p4 " + mnt("recovery"),
                "blkid -p -o export /dev/loop7p3",
                "mount -t ext4 /dev/loop7p3 " + mnt("oem"),
                "blkid -p -o export /dev/loop7p6",
                "sfdisk -J " + LOOP);
    }

    /** GRUB exactly as install installs it, onto the hybrid disk of the fixture table. */
    private List<String> bootloader() throws IOException {
        RecordingCommandRunner grub = new RecordingCommandRunner();
        Path scratch = Files.createDirectories(temp.resolve("expected-state"));
        Path scratchRecovery = Files.createDirectories(temp.resolve("expected-recovery"));
        new BootloaderInstaller(grub, GRUB, op -> { }).install(new BootloaderTarget(Firmware.HYBRID, LOOP, 512,
                Optional.of(LOOP + "p2"), Optional.of(new BootloaderTarget.BiosPartition(LOOP + "p1", 2048, 2048)), scratch,
                scratchRecovery, new BootEnvironment.Labels("COS_STATE", "COS_RECOVERY", "COS_OEM", "COS_PERSISTENT")));
        return grub.lines().stream().map(line -> line.replace(scratch.toString(), mnt("state"))
                .replace(scratchRecovery.toString(), mnt("recovery"))).toList();
    }

    private List<String> closing() {
        return List.of("umount " + mnt("oem"), "umount " + mnt("recovery"), "umount " + mnt("state"),
                "losetup --detach " + LOOP);
    }

    @Test
    void resetFromASourceFormatsStateBuildsBothImagesReinstallsGrubAndKeepsPersistentAndOem() throws IOException {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        ResetJob.Outcome outcome = job(runner, Slot.RECOVERY, Optional.of(tree.toString()), false, false)
                .run(ProgressListener.NONE);

        List<String> expected = new ArrayList<>(opening());
        // GRUB (with the copy of grub.cfg on COS_RECOVERY) before the format: recovery boots throughout.
        expected.addAll(bootloader());
        expected.addAll(List.of(
                "blkid -p -o export /dev/loop7p5",
                "umount " + mnt("state"),
                "mkfs.ext4 -F -q -L COS_STATE /dev/loop7p5",
                "mount -t ext4 /dev/loop7p5 " + mnt("state"),
                // Each image is complete before it gets its name.
                "mkfs.ext2 -F -q -L COS_ACTIVE -d " + tree + " " + mnt("state/cOS/transition.img") + " 257M",
                "debugfs -w -f - " + mnt("state/cOS/transition.img"),
                "cp --sparse=always " + mnt("state/cOS/active.img") + " " + mnt("state/cOS/transition.img"),
                "tune2fs -L COS_PASSIVE " + mnt("state/cOS/transition.img"),
                "grub-editenv " + mnt("state/grub_oem_env") + " create",
                "grub-editenv " + mnt("state/grub_oem_env") + " set state_label=COS_STATE active_label=COS_ACTIVE"
                        + " passive_label=COS_PASSIVE recovery_label=COS_RECOVERY system_label=COS_SYSTEM oem_label=COS_OEM"
                        + " persistent_label=COS_PERSISTENT default_menu_entry=cOS cos_max_tries=xx",
                "grub-editenv " + mnt("oem/grubenv") + " create"));
        expected.addAll(bootloader());
        expected.add("sync");
        expected.addAll(closing());
        assertEquals(expected, runner.lines());

        assertEquals("dir://" + tree, outcome.state().active().source());
        assertEquals(Optional.of("COS_PASSIVE"), outcome.state().passive().label());
        assertEquals("dir:///old", outcome.state().recovery().source(), "recovery's record stays");
        for (String partition : List.of("state", "recovery")) {
            String written = Files.readString(disk.partition(partition).resolve("state.yaml"));
            assertTrue(written.contains("dir://" + tree) && !written.contains("dir:///older"), written);
        }
        assertEquals("kept?", Files.readString(disk.partition("persistent").resolve("user-file")));
        assertTrue(Files.exists(disk.partition("oem").resolve("90_custom.yaml")), "COS_OEM kept its files");
        assertEquals("recovery", Files.readString(disk.partition("recovery").resolve("cOS/recovery.squashfs")));
        assertTrue(Files.exists(disk.partition("state").resolve("grub2/grub.cfg")), "grub.cfg written on the new COS_STATE");
        assertFalse(Files.exists(disk.partition("state").resolve("cOS/active.img.tmp")));
    }

    @Test
    void aSourceThatDoesNotFitIsRefusedBeforeAnythingIsWritten() throws IOException {
        capacity = ByteSize.ofMiB(300);  // the 257 MiB image twice does not fit
        byte[] stateBefore = Files.readAllBytes(disk.partition("state").resolve("grub_oem_env"));
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> job(runner, Slot.RECOVERY, Optional.of(tree.toString()), true, true).run(ProgressListener.NONE));

        assertEquals("space", failure.stepId());
        assertEquals(ErrorCode.NO_SPACE, failure.code());
        assertTrue(failure.getMessage().contains("nothing was changed"), failure.getMessage());
        List<String> written = runner.lines().stream().filter(l -> l.startsWith("mkfs") || l.startsWith("grub-")
                || l.startsWith("dd ") || l.startsWith("mcopy") || l.startsWith("cp ")).toList();
        assertEquals(List.of(), written, "no format, image or bootloader write");
        assertFalse(Files.exists(disk.partition("recovery").resolve("grub2")));
        assertTrue(java.util.Arrays.equals(stateBefore,
                Files.readAllBytes(disk.partition("state").resolve("grub_oem_env"))));
        assertEquals("kept?", Files.readString(disk.partition("persistent").resolve("user-file")));
    }

    @Test
    void recoveryGetsItsCopyOfGrubCfgBeforeStateIsFormatted() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, Slot.RECOVERY, Optional.of(tree.toString()), false, false).run(ProgressListener.NONE);
        List<String> lines = runner.lines();
        int format = lines.indexOf("mkfs.ext4 -F -q -L COS_STATE /dev/loop7p5");
        int firstLoader = lines.indexOf(lines.stream().filter(l -> l.startsWith("mren ")).findFirst().orElseThrow());
        assertTrue(firstLoader >= 0 && firstLoader < format, "GRUB with the recovery fallback first: " + lines);
        assertTrue(Files.isRegularFile(disk.partition("recovery").resolve("grub2/grub.cfg")));
    }

    @Test
    void resetPersistentAndOemReformatsThemWithTheirLabelsAndRemountsOem() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, Slot.RECOVERY, Optional.of(tree.toString()), true, true).run(ProgressListener.NONE);

        List<String> lines = runner.lines();
        int persistent = lines.indexOf("mkfs.ext4 -F -q -L COS_PERSISTENT /dev/loop7p6");
        int oem = lines.indexOf("mkfs.ext4 -F -q -L COS_OEM /dev/loop7p3");
        assertTrue(persistent > 0 && oem > persistent, lines::toString);
        assertEquals("umount " + mnt("oem"), lines.get(oem - 1));
        assertEquals("mount -t ext4 /dev/loop7p3 " + mnt("oem"), lines.get(oem + 1));
        assertFalse(lines.contains("umount " + mnt("persistent")), "COS_PERSISTENT is not mounted by a reset");
        assertFalse(Files.exists(disk.partition("persistent").resolve("user-file")), "COS_PERSISTENT emptied");
        assertFalse(Files.exists(disk.partition("oem").resolve("90_custom.yaml")), "COS_OEM emptied");
        assertTrue(lines.contains("grub-editenv " + mnt("oem/grubenv") + " create"), "GRUB's block recreated");
    }

    @Test
    void resetAsBootedFromActiveIsRefusedBeforeAnyCommand() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        InstallerException refused = assertThrows(InstallerException.class,
                () -> job(runner, Slot.ACTIVE, Optional.empty(), false, false).run(ProgressListener.NONE));
        assertEquals(ErrorCode.NOT_IN_RECOVERY, refused.code());
        assertTrue(refused.getMessage().contains("--as-booted recovery"), refused.getMessage());
        assertEquals(List.of(), runner.lines());
    }

    @Test
    void aResetIsRefusedWhileAnUpgradeHoldsTheLock() throws IOException {
        try (UpgradeLock held = UpgradeLock.acquire(disk.partition("state").resolve("cOS/" + UpgradeLock.FILE_NAME),
                Clock.systemUTC())) {
            RecordingCommandRunner runner = runner(new RecordingCommandRunner());
            StepFailedException failure = assertThrows(StepFailedException.class,
                    () -> job(runner, Slot.RECOVERY, Optional.of(tree.toString()), false, false).run(ProgressListener.NONE));
            assertEquals(ErrorCode.LOCKED, failure.code());
            assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs")), runner.lines()::toString);
            assertTrue(runner.lines().contains("losetup --detach " + LOOP));
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(List.of("losetup", "--find"), "mount", ErrorCode.MOUNT),
                Arguments.of(List.of("mkfs.ext4", "-F", "-q", "-L", "COS_STATE"), "format-state", ErrorCode.FORMAT),
                Arguments.of(List.of("mkfs.ext4", "-F", "-q", "-L", "COS_OEM"), "format-oem", ErrorCode.FORMAT),
                Arguments.of(List.of("mkfs.ext2"), "active", ErrorCode.IMAGE_BUILD),
                Arguments.of(List.of("tune2fs"), "passive", ErrorCode.IMAGE_BUILD),
                Arguments.of(List.of("grub-editenv"), "boot-env", ErrorCode.STATE_FILE),
                Arguments.of(List.of("grub-mkimage"), "recovery-boot", ErrorCode.BOOTLOADER),
                Arguments.of(List.of("sync"), "sync", ErrorCode.INTERNAL));
    }

    @ParameterizedTest(name = "{0} fails in step {1}")
    @MethodSource("failures")
    void aFailureAtAnyStepUndoesEveryMountAndTheLoopAndNeverTouchesRecovery(List<String> failing, String step, ErrorCode code)
            throws IOException {
        byte[] recoveryState = Files.readAllBytes(disk.partition("recovery").resolve("state.yaml"));
        RecordingCommandRunner runner = runner(new RecordingCommandRunner().fail(failing, 1, "injected failure"));

        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> job(runner, Slot.RECOVERY, Optional.of(tree.toString()), false, true).run(ProgressListener.NONE));
        assertEquals(step, failure.stepId());
        assertEquals(code, failure.code());
        assertTrue(failure.getMessage().contains("injected failure"), failure.getMessage());
        List<String> lines = runner.lines();
        if (!step.equals("mount")) {
            assertEquals(closing(), lines.subList(lines.size() - 4, lines.size()), "mounts and loop undone last: " + lines);
        }
        long mounted = lines.stream().filter(l -> l.startsWith("mount ")).count();
        long unmounted = lines.stream().filter(l -> l.startsWith("umount ")).count();
        assertEquals(mounted, unmounted, "every mount (also a remount after a failed format) is undone: " + lines);
        assertEquals("recovery", Files.readString(disk.partition("recovery").resolve("cOS/recovery.squashfs")));
        if (!step.equals("sync")) {
            assertTrue(java.util.Arrays.equals(recoveryState,
                    Files.readAllBytes(disk.partition("recovery").resolve("state.yaml"))), "state.yaml only after success");
        }
        assertFalse(Files.exists(disk.partition("state").resolve(dev.cos.installer.install.InstallJob.WORK_DIR)));
        assertEquals("kept?", Files.readString(disk.partition("persistent").resolve("user-file")));
    }

    @Test
    void aFailedDownloadOfAnHttpSourceStopsBeforeCosStateIsFormattedAndLeavesNoDownloadDirectory() throws IOException {
        List<Path> directories = new ArrayList<>();
        fetcher = (source, directory, progress) -> {
            directories.add(directory);
            throw new InstallerException(ErrorCode.SOURCE, "no image at " + source.uri() + " (HTTP 404)");
        };
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        StepFailedException failure = assertThrows(StepFailedException.class, () -> job(runner, Slot.RECOVERY,
                Optional.of("https://updates.example.org/cos/v2.squashfs"), false, false).run(ProgressListener.NONE));
        assertEquals("download", failure.stepId());
        assertEquals(ErrorCode.SOURCE, failure.code());
        assertTrue(failure.getMessage().contains("no image at https://updates.example.org/cos/v2.squashfs"), failure.getMessage());
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs")), runner.lines()::toString);
        assertEquals(1, directories.size());
        assertEquals(temp, directories.get(0).getParent(), "downloaded under the temp directory, not onto COS_STATE");
        assertFalse(Files.exists(directories.get(0)), "the download directory is removed");
    }
}
