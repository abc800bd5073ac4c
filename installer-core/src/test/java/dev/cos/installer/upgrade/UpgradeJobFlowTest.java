package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.disk.RootedSystemFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Slot;
import dev.cos.installer.source.FetchedImage;
import dev.cos.installer.source.ImageFetcher;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceScanner;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.job.TestStop;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact command sequence of upgrades, and the cleanup after a failure at each step. */
class UpgradeJobFlowTest {

    private static final String LOOP = FakeInstalledDisk.LOOP;
    private static final String ACTIVE_UUID = "0a0a0a0a-0000-4000-8000-00000000000a";
    private static final String PASSIVE_UUID = "0b0b0b0b-0000-4000-8000-00000000000b";
    @TempDir
    Path temp;

    private Path image;
    private Path tree;
    private Path mounts;
    private ByteSize free = ByteSize.ofGiB(4);
    private ImageFetcher fetcher = (source, directory, progress) -> {
        throw new AssertionError("no download expected: " + source);
    };
    private final List<String> unverifiedWarnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk");
        tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("os-release"), "VERSION_ID=2\n");
        tree = tree.getParent();
        mounts = Files.createDirectories(temp.resolve("mnt"));
        new FakeInstalledDisk(temp).create();
    }

    /** A runner that answers like the disk of the fixtures. */
    private RecordingCommandRunner runner() {
        return FakeInstalledDisk.answering(new RecordingCommandRunner());
    }

    private UpgradeJob job(RecordingCommandRunner runner, Slot booted, boolean recovery) {
        return job(runner, booted, recovery, tree.toString());
    }

    private UpgradeJob job(RecordingCommandRunner runner, Slot booted, boolean recovery, String source) {
        UpgradeSpec spec = new UpgradeSpec(new SystemLocation.Offline(image, Optional.of(booted)), source, recovery,
                Optional.empty());
        SystemOpener opener = new SystemOpener(runner, new FakeInstalledDisk(temp).mounter(runner), (path, timeout) -> true,
                new RootedSystemFiles(temp), mounts);
        return new UpgradeJob(spec, runner, opener, new SourceScanner(runner), new SourceUnpacker(runner, new CommandMounter(runner)),
                mountPoint -> free, Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC), TestStop.none(),
                new SourceLocator(fetcher, temp, unverifiedWarnings::add));
    }

    private List<String> opening() {
        return List.of(
                "losetup --associated " + image,
                "losetup --find --show --partscan " + image,
                "losetup --list --noheadings --output BACK-INO,BACK-MAJ:MIN " + LOOP,
                "sfdisk -J " + LOOP,
                "blkid -p -o export /dev/loop7p5",
                "mount -t ext4 /dev/loop7p5 " + mounts.resolve("state"),
                "blkid -p -o export /dev/loop7p4",
                "mount -t ext4 /dev/loop7p4 " + mounts.resolve("recovery"),
                "blkid -p -o export /dev/loop7p3",
                "mount -t ext4 /dev/loop7p3 " + mounts.resolve("oem"),
                "blkid -p -o export /dev/loop7p6");
    }

    private List<String> closing() {
        return List.of("umount " + mounts.resolve("oem"), "umount " + mounts.resolve("recovery"),
                "umount " + mounts.resolve("state"), "losetup --detach " + LOOP);
    }

    private String cos(String file) {
        return mounts.resolve("state/cOS").resolve(file).toString();
    }

    private List<String> buildTransition() {
        return List.of("mkfs.ext2 -F -q -L COS_ACTIVE -d " + tree + " " + cos("transition.img") + " 257M",
                "debugfs -w -f - " + cos("transition.img"),
                "sync");
    }

    @Test
    void upgradeBootedFromActiveKeepsTheRunningSystemAsPassive() throws IOException {
        RecordingCommandRunner runner = withImageIdentities(runner());
        grubenv("cos_good_uuid=" + ACTIVE_UUID);  // the booted active recorded that it came up
        UpgradeJob.Outcome outcome = job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE);

        List<String> expected = new ArrayList<>(opening());
        expected.addAll(List.of("blkid -p -o export " + cos("active.img"), "blkid -p -o export " + cos("passive.img")));
        expected.addAll(buildTransition());
        expected.addAll(List.of(
                "mv --no-target-directory -- " + cos("active.img") + " " + cos("passive.img"),
                "tune2fs -L COS_PASSIVE " + cos("passive.img"),
                "sync",
                "mv --no-target-directory -- " + cos("transition.img") + " " + cos("active.img"),
                "sync"));
        expected.addAll(closing());
        assertEquals(expected, runner.lines());
        assertEquals("dir://" + tree, outcome.state().active().source());
        assertEquals("dir:///old", outcome.state().passive().source(), "the old active's record moved to passive");
        assertEquals(Optional.of("COS_PASSIVE"), outcome.state().passive().label());
        for (String partition : List.of("state", "recovery")) {
            String written = Files.readString(temp.resolve("partitions/" + partition + "/state.yaml"));
            assertTrue(written.contains("dir://" + tree) && written.contains("dir:///old") && !written.contains("dir:///older"),
                    written);
        }
    }

    /** The image files' filesystems as blkid reports them: active and passive are different images. */
    private RecordingCommandRunner withImageIdentities(RecordingCommandRunner runner) {
        return runner.answer(List.of("blkid", "-p", "-o", "export", cos("active.img")), "UUID=" + ACTIVE_UUID + "\nTYPE=ext2\n")
                .answer(List.of("blkid", "-p", "-o", "export", cos("passive.img")), "UUID=" + PASSIVE_UUID + "\nTYPE=ext2\n");
    }

    /** COS_OEM:/grubenv with these variables, as GRUB and the booted system leave it. */
    private void grubenv(String... assignments) throws IOException {
        StringBuilder block = new StringBuilder("# GRUB Environment Block\n");
        for (String assignment : assignments) {
            block.append(assignment).append('\n');
        }
        block.append("#".repeat(1024 - block.length()));
        Files.writeString(temp.resolve("partitions/oem/grubenv"), block);
    }

    @Test
    void upgradeAsBootedFromAnActiveThatNeverBootedReplacesOnlyActiveAndKeepsPassive() throws IOException {
        RecordingCommandRunner runner = withImageIdentities(runner());
        grubenv("cos_good_uuid=" + PASSIVE_UUID);  // the last system that came up is passive's
        UpgradeJob.Outcome outcome = job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE);

        assertFalse(runner.lines().contains("mv --no-target-directory -- " + cos("active.img") + " " + cos("passive.img")),
                runner.lines().toString());
        assertTrue(runner.lines().contains("mv --no-target-directory -- " + cos("transition.img") + " " + cos("active.img")));
        assertEquals("dir:///older", outcome.state().passive().source(), "passive, the last known good, stays");
        assertEquals("dir://" + tree, outcome.state().active().source());
    }

    @Test
    void anUpgradeRemovesGrubsFailureMarkOfTheImageItReplacesSoTheNewActiveIsTried() throws IOException {
        RecordingCommandRunner runner = withImageIdentities(runner());
        grubenv("cos_failed_active=yes", "cos_tries_active=x", "saved_entry=cos");  // active failed, passive runs
        job(runner, Slot.PASSIVE, false).run(ProgressListener.NONE);

        List<String> lines = runner.lines();
        String unset = lines.stream().filter(l -> l.startsWith("grub-editenv ")).findFirst().orElseThrow(() -> new AssertionError(lines));
        assertTrue(unset.endsWith(" unset cos_failed_active cos_tries_active"), unset);
        assertTrue(lines.indexOf(unset) > lines.indexOf("mv --no-target-directory -- " + cos("transition.img") + " "
                + cos("active.img")), "after the new active is in place: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("dd ") && l.contains("of=" + mounts.resolve("oem/grubenv"))),
                "written back in place: " + lines);
    }

    @Test
    void upgradeBootedFromPassiveReplacesOnlyActive() throws IOException {
        RecordingCommandRunner runner = runner();
        UpgradeJob.Outcome outcome = job(runner, Slot.PASSIVE, false).run(ProgressListener.NONE);

        List<String> expected = new ArrayList<>(opening());
        expected.addAll(buildTransition());
        expected.addAll(List.of(
                "mv --no-target-directory -- " + cos("transition.img") + " " + cos("active.img"),
                "sync"));
        expected.addAll(closing());
        assertEquals(expected, runner.lines());
        assertEquals("dir:///older", outcome.state().passive().source(), "passive, the last known good, stays");
    }

    @Test
    void recoveryUpgradeBuildsASquashfsOfTheSameCompressionAndRenamesItOverTheRecoveryImage() {
        RecordingCommandRunner runner = runner();
        UpgradeJob.Outcome outcome = job(runner, Slot.ACTIVE, true).run(ProgressListener.NONE);

        String recoveryDir = mounts.resolve("recovery/cOS").toString();
        List<String> expected = new ArrayList<>(opening());
        expected.addAll(List.of(
                "unsquashfs -s " + recoveryDir + "/recovery.squashfs",
                "mksquashfs " + tree + " " + recoveryDir + "/transition.squashfs -noappend -b 1024k -comp gzip -Xcompression-level 6"
                        + " -p '/run d 755 0 0' -p '/dev d 755 0 0' -p '/boot d 755 0 0' -p '/usr d 755 0 0'"
                        + " -p '/usr/local d 755 0 0' -p '/oem d 755 0 0' -p '/proc d 755 0 0' -p '/sys d 755 0 0'"
                        + " -p '/tmp d 1777 0 0'",
                "sync",
                "mv --no-target-directory -- " + recoveryDir + "/transition.squashfs " + recoveryDir + "/recovery.squashfs",
                "sync"));
        expected.addAll(closing());
        assertEquals(expected, runner.lines());
        assertEquals("dir://" + tree, outcome.state().recovery().source());
        assertEquals("dir:///old", outcome.state().active().source(), "active untouched");
        assertEquals("dir:///older", outcome.state().passive().source(), "passive untouched");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(List.of("losetup", "--find"), "mount", ErrorCode.MOUNT),
                Arguments.of(List.of("mount", "-t", "ext4", "/dev/loop7p4"), "mount", ErrorCode.MOUNT),
                Arguments.of(List.of("mkfs.ext2"), "transition", ErrorCode.IMAGE_BUILD),
                Arguments.of(List.of("debugfs"), "transition", ErrorCode.IMAGE_BUILD),
                Arguments.of(List.of("sync"), "sync", ErrorCode.INTERNAL),
                Arguments.of(List.of("mv", "--no-target-directory", "--"), "swap-passive", ErrorCode.STATE_FILE));
    }

    @ParameterizedTest(name = "{0} fails in step {1}")
    @MethodSource("failures")
    void aFailureBeforeTheRenamesChangesNothingAndRemovesTheTransition(List<String> failing, String step, ErrorCode code)
            throws IOException {
        grubenv("cos_good_uuid=" + ACTIVE_UUID);
        byte[] stateBefore = Files.readAllBytes(temp.resolve("partitions/state/state.yaml"));

        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> job(runnerWithFailure(failing), Slot.ACTIVE, false).run(ProgressListener.NONE));
        assertEquals(step, failure.stepId());
        assertEquals(code, failure.code());
        assertTrue(failure.getMessage().contains("injected failure"), failure.getMessage());
        Path state = temp.resolve("partitions/state");
        assertArrayEquals(stateBefore, Files.readAllBytes(state.resolve("state.yaml")), "state.yaml unchanged");
        assertFalse(Files.exists(state.resolve("cOS/transition.img")), "transition.img removed");
        assertEquals("old active", Files.readString(state.resolve("cOS/active.img")));
        List<String> lines = lastRunner.lines();
        if (!step.equals("mount") || failing.get(0).equals("mount")) {
            assertTrue(lines.contains("losetup --detach " + LOOP), "the loop device is detached: " + lines);
        }
        for (String line : lines) {
            boolean failed = line.startsWith(String.join(" ", failing));
            assertFalse(!failed && line.startsWith("mount") && !lines.contains("umount " + line.substring(line.lastIndexOf(' ') + 1)),
                    "every mount is undone: " + line);
        }
        if (lines.stream().anyMatch(l -> l.startsWith("mkfs.ext2")) && !failing.get(0).equals("mkfs.ext2")) {
            assertTrue(lines.contains("rm -f -- " + cos("transition.img")), "cleanup removes the transition: " + lines);
        }
    }

    private RecordingCommandRunner lastRunner;

    private RecordingCommandRunner runnerWithFailure(List<String> failing) {
        lastRunner = withImageIdentities(FakeInstalledDisk.answering(FakeInstalledDisk.creatingImages(
                new RecordingCommandRunner().fail(failing, 1, "injected failure"))));
        return lastRunner;
    }

    @Test
    void notEnoughSpaceIsRefusedWithBothNumbersBeforeAnythingIsBuilt() {
        free = ByteSize.ofMiB(100);
        RecordingCommandRunner runner = runner();
        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE));
        assertEquals("space", failure.stepId());
        assertEquals(ErrorCode.NO_SPACE, failure.code());
        assertTrue(failure.getMessage().contains("100 MiB free") && failure.getMessage().contains("257 MiB needed"),
                failure.getMessage());
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs") || l.startsWith("mv")), runner.lines()::toString);
    }

    @Test
    void aSecondUpgradeIsRefusedWhileTheLockIsHeldAndSaysWhoHoldsIt() throws IOException {
        try (UpgradeLock held = UpgradeLock.acquire(temp.resolve("partitions/state/cOS/" + UpgradeLock.FILE_NAME),
                Clock.systemUTC())) {
            RecordingCommandRunner runner = runner();
            StepFailedException failure = assertThrows(StepFailedException.class,
                    () -> job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE));
            assertEquals("lock", failure.stepId());
            assertEquals(ErrorCode.LOCKED, failure.code());
            assertTrue(failure.getMessage().contains("pid=" + ProcessHandle.current().pid()), failure.getMessage());
            assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs")));
            assertTrue(runner.lines().contains("losetup --detach " + LOOP));
        }
    }

    @Test
    void staleLeftoversOfAnInterruptedRunAreRemovedFirst() throws IOException {
        Files.writeString(temp.resolve("partitions/state/cOS/transition.img"), "stale");
        Files.createDirectories(temp.resolve("partitions/state/.cos-installer-work/tar-source"));
        RecordingCommandRunner runner = FakeInstalledDisk.creatingImages(runner());
        job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE);
        int removeTransition = runner.lines().indexOf("rm -rf --one-file-system -- " + cos("transition.img"));
        int removeWork = runner.lines().indexOf("rm -rf --one-file-system -- " + mounts.resolve("state/.cos-installer-work"));
        int build = runner.lines().indexOf(buildTransition().get(0));
        assertTrue(removeTransition >= 0 && removeWork >= 0 && removeTransition < build, runner.lines()::toString);
        assertFalse(Files.exists(temp.resolve("partitions/state/.cos-installer-work")), "no work dir left");
    }

    @Test
    void aStateMirrorLeftOneWriteBehindIsCopiedFromCosStateBeforeAnythingElseCanFail() throws IOException {
        Path mirror = temp.resolve("partitions/recovery/state.yaml");
        Files.writeString(mirror, FakeInstalledDisk.STATE_YAML.replace("2026", "2025"));
        byte[] authoritative = Files.readAllBytes(temp.resolve("partitions/state/state.yaml"));

        // The source is missing: the run fails in verify, after clean has repaired the mirror.
        UpgradeJob upgrade = job(runner(), Slot.ACTIVE, false, temp.resolve("missing").toString());
        assertThrows(InstallerException.class, () -> upgrade.run(ProgressListener.NONE));

        assertArrayEquals(authoritative, Files.readAllBytes(mirror), "COS_RECOVERY:/state.yaml = COS_STATE's");
        assertArrayEquals(authoritative, Files.readAllBytes(temp.resolve("partitions/state/state.yaml")), "COS_STATE's unchanged");
    }

    @Test
    void aMissingSourceFailsInVerifyAndBuildsNothing() {
        RecordingCommandRunner runner = runner();
        UpgradeJob upgrade = job(runner, Slot.ACTIVE, false, temp.resolve("missing").toString());
        InstallerException failure = assertThrows(InstallerException.class, () -> upgrade.run(ProgressListener.NONE));
        assertEquals(ErrorCode.SOURCE, failure.code());
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs")));
    }

    private static final String URL = "https://updates.example.org/cos/v2.tar";

    private void assertNoDownloadLeft() {
        for (Path root : List.of(mounts.resolve("state"), temp.resolve("partitions/state"))) {
            assertFalse(Files.exists(root.resolve(UpgradeJob.DOWNLOAD_DIR)), "no download directory left in " + root);
        }
    }

    @Test
    void anHttpSourceIsDownloadedOntoCosStateThenVerifiedAndRecordedUnderItsUrl() throws IOException {
        Path tar = temp.resolve("v2.tar");
        Tools.run("tar", "-cf", tar.toString(), "-C", tree.toString(), ".");
        List<Path> directories = new ArrayList<>();
        fetcher = (source, directory, progress) -> {
            directories.add(directory);
            try {
                Path file = Files.copy(tar, directory.resolve("download-1.part"));
                progress.update(Files.size(file), Files.size(file));
                return new FetchedImage(file, source, "digest", Files.size(file), Optional.empty());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        List<String> steps = new ArrayList<>();
        List<Long> downloadBytes = new ArrayList<>();
        UpgradeJob.Outcome outcome = job(FakeInstalledDisk.creatingImages(runner()), Slot.ACTIVE, false, URL)
                .run(new ProgressListener() {
            @Override
            public void stepStarted(String step, String title, int index, int total) {
                steps.add(step);
            }

            @Override
            public void progress(String stepId, double overall, double step, long bytesDone, long bytesTotal) {
                if (stepId.equals("download")) {
                    downloadBytes.add(bytesDone);
                }
            }
        });

        assertEquals(List.of(mounts.resolve("state/" + UpgradeJob.DOWNLOAD_DIR)), directories, "downloaded onto COS_STATE");
        assertEquals(List.of("mount", "lock", "clean", "download", "verify"), steps.subList(0, 5));
        assertEquals(Files.size(tar), downloadBytes.get(0), "the download's bytes in its step's progress");
        assertEquals(URL, outcome.state().active().source());
        assertEquals(UpgradeFixture.sha256(tar), outcome.source().sha256(), "the digest of the bytes downloaded");
        assertTrue(Files.readString(temp.resolve("partitions/state/state.yaml")).contains(URL));
        assertEquals(1, unverifiedWarnings.size(), "the image no digest checked is announced");
        assertTrue(unverifiedWarnings.get(0).startsWith("UNVERIFIED IMAGE: " + URL + " has no digest"), unverifiedWarnings.get(0));
        assertNoDownloadLeft();
    }

    @Test
    void aFailedDownloadChangesNothingAndLeavesNoDownloadDirectory() throws IOException {
        byte[] stateBefore = Files.readAllBytes(temp.resolve("partitions/state/state.yaml"));
        fetcher = (source, directory, progress) -> {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot connect to updates.example.org:443 (connection refused)");
        };
        RecordingCommandRunner runner = runner();
        StepFailedException failure = assertThrows(StepFailedException.class,
                () -> job(runner, Slot.ACTIVE, false, URL).run(ProgressListener.NONE));
        assertEquals("download", failure.stepId());
        assertEquals(ErrorCode.DOWNLOAD, failure.code());
        assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
        assertArrayEquals(stateBefore, Files.readAllBytes(temp.resolve("partitions/state/state.yaml")), "state.yaml unchanged");
        assertEquals("old active", Files.readString(temp.resolve("partitions/state/cOS/active.img")));
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("mkfs") || l.startsWith("mv")), runner.lines()::toString);
        assertTrue(runner.lines().contains("losetup --detach " + LOOP));
        assertNoDownloadLeft();
    }

    @Test
    void aDownloadLeftByAKilledRunIsRemovedInClean() throws IOException {
        Files.createDirectories(temp.resolve("partitions/state/" + UpgradeJob.DOWNLOAD_DIR));
        Files.writeString(temp.resolve("partitions/state/" + UpgradeJob.DOWNLOAD_DIR + "/download-9.part"), "half");
        RecordingCommandRunner runner = FakeInstalledDisk.creatingImages(runner());
        job(runner, Slot.ACTIVE, false).run(ProgressListener.NONE);
        assertTrue(runner.lines().contains("rm -rf --one-file-system -- " + mounts.resolve("state/" + UpgradeJob.DOWNLOAD_DIR)),
                runner.lines()::toString);
    }
}
