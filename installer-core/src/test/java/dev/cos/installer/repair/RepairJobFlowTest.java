package dev.cos.installer.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.model.Slot;
import dev.cos.installer.status.StatusReader;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** repair and diagnose against the fake installed disk: exact commands, refusals, what is left behind. */
class RepairJobFlowTest {

    private static final String LOOP = FakeInstalledDisk.LOOP;
    private static final GrubFiles GRUB = new GrubFiles(Path.of("/usr/lib/grub/i386-pc"), Path.of("/usr/lib/grub/x86_64-efi"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private FakeInstalledDisk disk;
    private Path image;
    private Path mounts;

    @BeforeEach
    void setUp() throws IOException {
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk");
        mounts = Files.createDirectories(temp.resolve("mnt"));
        disk = new FakeInstalledDisk(temp).create();
        Path state = disk.partition("state");
        Files.createDirectories(state.resolve("grub2/x86_64-efi"));
        for (String file : List.of("grub2/grub.cfg", "grub2/embedded.cfg", "grub2/x86_64-efi/grub.efi")) {
            Files.writeString(state.resolve(file), "grub");
        }
        Files.write(state.resolve("grub_oem_env"), block("cos_max_tries=xx\n"));
        // Images big enough to have a first block to read.
        for (Path file : List.of(state.resolve("cOS/active.img"), state.resolve("cOS/passive.img"),
                disk.partition("recovery").resolve("cOS/recovery.squashfs"))) {
            Files.write(file, new byte[8192]);
        }
        Files.write(disk.partition("oem").resolve("grubenv"), block("saved_entry=fallback\nnext_entry=recovery\n"
                + "cos_tries_active=x\nextra_cmdline=quiet\n"));
    }

    private static String fixtureText(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] block(String variables) {
        String text = "# GRUB Environment Block\n" + variables;
        return (text + "#".repeat(1024 - text.length())).getBytes();
    }

    private RecordingCommandRunner runner(RecordingCommandRunner base) {
        base.answer(List.of("blkid", "-p", "-o", "export", LOOP + "p2"), "LABEL=COS_GRUB\nTYPE=vfat\n")
                .answer(List.of("mdir"), "/EFI/BOOT/BOOTX64.EFI\n")
                .answer(List.of("dumpe2fs", "-h"), fixtureText("source/dumpe2fs-h.txt"));
        return FakeInstalledDisk.answering(base);
    }

    private SystemOpener opener(RecordingCommandRunner runner, SystemFiles files) {
        return new SystemOpener(runner, disk.mounter(runner), (path, timeout) -> true, files, mounts);
    }

    private SystemOpener opener(RecordingCommandRunner runner) {
        return opener(runner, new dev.cos.installer.disk.RootedSystemFiles(temp));
    }

    private RepairJob job(RecordingCommandRunner runner, SystemLocation location, boolean fsck, List<String> partitions,
                          boolean yes, boolean bootloader, boolean grubEnv) {
        return new RepairJob(new RepairSpec(location, fsck, partitions, yes, bootloader, grubEnv), runner,
                disk.mounter(runner), opener(runner), GRUB, mounts, CLOCK);
    }

    private SystemLocation offline() {
        return new SystemLocation.Offline(image, Optional.empty());
    }

    private List<HistoryEvent> history() {
        return HistoryLog.read(disk.partition("state"));
    }

    @Test
    void fsckChecksEveryPartitionUnmountedBeforeMountingAndRecordsTheRepair() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner().fail(List.of("e2fsck", "-f", "-p", LOOP + "p3"),
                1, "COS_OEM: fixed a block bitmap difference"));
        RepairJob.Outcome outcome = job(runner, offline(), true, List.of(), false, false, false).run(ProgressListener.NONE);
        List<String> lines = runner.lines();
        assertEquals(List.of("fsck.vfat -a /dev/loop7p2", "e2fsck -f -p /dev/loop7p3", "e2fsck -f -p /dev/loop7p4",
                "e2fsck -f -p /dev/loop7p5", "e2fsck -f -p /dev/loop7p6"),
                lines.stream().filter(l -> l.startsWith("e2fsck") || l.startsWith("fsck")).toList());
        assertTrue(lines.indexOf("e2fsck -f -p /dev/loop7p6") < lines.indexOf("mount -t ext4 /dev/loop7p5 " + mounts.resolve("state")),
                "checked before anything is mounted: " + lines);
        assertTrue(lines.contains("losetup --find --show --partscan " + image), "attached read-write: " + lines);
        assertEquals("losetup --detach /dev/loop7", lines.get(lines.size() - 1), "detached last");
        assertEquals(List.of("fsck"), outcome.actions());
        assertEquals("repaired", outcome.fsck().get(1).get("result"));
        assertEquals("clean", outcome.fsck().get(0).get("result"));
        HistoryEvent event = history().get(0);
        assertEquals("repair", event.kind());
        assertEquals("repaired", event.detail().get("fsck.oem"));
    }

    @Test
    void errorsLeftAfterPreenFailNamingThePartitionAndSuggestYesFix() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner().fail(List.of("e2fsck", "-f", "-p", LOOP + "p3"),
                4, "UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY."));
        StepFailedException failure = assertThrows(StepFailedException.class, () ->
                job(runner, offline(), true, List.of("COS_OEM"), false, false, false).run(ProgressListener.NONE));
        assertEquals("fsck", failure.stepId());
        assertEquals(ErrorCode.FILESYSTEM, failure.getCause() instanceof dev.cos.installer.error.InstallerException ie
                ? ie.code() : null);
        assertTrue(failure.getMessage().contains("COS_OEM") && failure.getMessage().contains("--yes-fix"), failure.getMessage());
        assertEquals(List.of("e2fsck -f -p /dev/loop7p3"), runner.lines().stream().filter(l -> l.startsWith("e2fsck")).toList(),
                "--partition COS_OEM: only that one");
        assertEquals("losetup --detach /dev/loop7", runner.lines().get(runner.lines().size() - 1));
        assertTrue(history().isEmpty(), "a failed repair records nothing");
    }

    @Test
    void yesFixAnswersYesAndAnUnknownPartitionIsRefused() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, offline(), true, List.of("oem", "COS_GRUB"), true, false, false).run(ProgressListener.NONE);
        assertEquals(List.of("e2fsck -f -y /dev/loop7p3", "fsck.vfat -y /dev/loop7p2"), runner.lines().stream()
                .filter(l -> l.startsWith("e2fsck") || l.startsWith("fsck")).toList());
        StepFailedException unknown = assertThrows(StepFailedException.class, () -> job(runner(new RecordingCommandRunner()),
                offline(), true, List.of("COS_NOPE"), false, false, false).run(ProgressListener.NONE));
        assertTrue(unknown.getMessage().contains("no partition 'COS_NOPE'"), unknown.getMessage());
    }

    private static SystemFiles online(String cmdline, String mountInfo) {
        return new SystemFiles() {
            @Override public String mountInfo() { return mountInfo; }
            @Override public String swaps() { return ""; }
            @Override public String kernelCommandLine() { return cmdline; }
            @Override public List<String> holders(String kernelName) { return List.of(); }
            @Override public boolean readOnly(String kernelName) { return false; }
            @Override public Optional<String> loopBackingFile(String kernelName) { return Optional.empty(); }
        };
    }

    private RecordingCommandRunner onlineRunner() {
        return new RecordingCommandRunner()
                .answer(List.of("blkid", "-L", "COS_STATE"), "/dev/vda5\n")
                .answer(List.of("blkid", "-L", "COS_RECOVERY"), "/dev/vda4\n")
                .answer(List.of("blkid", "-L", "COS_OEM"), "/dev/vda3\n")
                .answer(List.of("blkid", "-L", "COS_PERSISTENT"), "/dev/vda6\n")
                .answer(List.of("blkid", "-p", "-o", "export", "/dev/vda5"), "LABEL=COS_STATE\nTYPE=ext4\n");
    }

    @Test
    void onlineAMountedPartitionIsRefusedBeforeAnyCheckRuns() {
        RecordingCommandRunner runner = onlineRunner();
        String mountInfo = "30 1 254:3 / /oem rw,relatime shared:1 - ext4 /dev/vda3 rw\n";
        RepairJob repair = new RepairJob(new RepairSpec(new SystemLocation.Online(), true, List.of(), false, false, false),
                runner, disk.mounter(runner), opener(runner, online("cos-img/filename=/cOS/active.img", mountInfo)), GRUB,
                mounts, CLOCK);
        StepFailedException refused = assertThrows(StepFailedException.class, () -> repair.run(ProgressListener.NONE));
        assertTrue(refused.getMessage().contains("COS_OEM is mounted at /oem"), refused.getMessage());
        assertEquals(ErrorCode.IN_USE, ((dev.cos.installer.error.InstallerException) refused.getCause()).code());
        assertTrue(runner.lines().stream().noneMatch(l -> l.startsWith("e2fsck")), runner.lines()::toString);
    }

    @Test
    void inRecoveryTheReadOnlyStateMountIsUnmountedForItsCheckAndMountedAgain() {
        RecordingCommandRunner runner = onlineRunner();
        String mountInfo = "30 1 254:5 / " + SystemOpener.STATE_RUNTIME_MOUNT + " ro,relatime shared:1 - ext4 /dev/vda5 ro\n";
        List<String> commands = new java.util.ArrayList<>();
        dev.cos.installer.process.Mounter mounter = new dev.cos.installer.process.Mounter() {
            @Override
            public void mount(String source, Path mountPoint, String fsType, List<String> options) {
                commands.add("mount " + options + " " + source + " " + mountPoint);
            }

            @Override
            public void unmount(Path mountPoint) {
                commands.add("umount " + mountPoint);
            }
        };
        RepairJob repair = new RepairJob(new RepairSpec(new SystemLocation.Online(), true, List.of("COS_STATE"), false,
                false, false), runner, mounter, opener(runner, online("cos-img/filename=/cOS/recovery.squashfs", mountInfo)),
                GRUB, mounts, CLOCK);
        // No state.yaml under the real /run/initramfs/cos-state here: the run stops at mount, after the check.
        assertThrows(StepFailedException.class, () -> repair.run(ProgressListener.NONE));
        assertTrue(runner.lines().contains("e2fsck -f -p /dev/vda5"), runner.lines()::toString);
        assertEquals(List.of("umount " + SystemOpener.STATE_RUNTIME_MOUNT,
                "mount [ro] /dev/vda5 " + SystemOpener.STATE_RUNTIME_MOUNT), commands.subList(0, 2));
    }

    @Test
    void grubEnvRewritesTheLabelsAndResetsTheRuntimeBlockInPlaceKeepingSavedEntry() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, offline(), false, List.of(), false, false, true).run(ProgressListener.NONE);
        String oemEnv = mounts.resolve("state/grub_oem_env").toString();
        String copy = mounts.resolve("grubenv.new").toString();
        List<String> editenv = runner.lines().stream().filter(l -> l.startsWith("grub-editenv") || l.startsWith("dd ")).toList();
        assertEquals(List.of("grub-editenv " + oemEnv + " create",
                "grub-editenv " + oemEnv + " set state_label=COS_STATE active_label=COS_ACTIVE passive_label=COS_PASSIVE"
                        + " recovery_label=COS_RECOVERY system_label=COS_SYSTEM oem_label=COS_OEM"
                        + " persistent_label=COS_PERSISTENT default_menu_entry=cOS cos_max_tries=xx",
                "grub-editenv " + copy + " create",
                "grub-editenv " + copy + " set saved_entry=fallback",
                "dd if=" + copy + " of=" + mounts.resolve("oem/grubenv") + " bs=1024 count=1 conv=notrunc,fsync status=none"),
                editenv);
        assertEquals("grub-env", history().get(0).detail().get("actions"));
    }

    @Test
    void aMissingRuntimeBlockIsCreatedAnew() throws IOException {
        Files.delete(disk.partition("oem").resolve("grubenv"));
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, offline(), false, List.of(), false, false, true).run(ProgressListener.NONE);
        String grubenv = mounts.resolve("oem/grubenv").toString();
        assertTrue(runner.lines().containsAll(List.of("rm -f -- " + grubenv, "grub-editenv " + grubenv + " create")),
                runner.lines()::toString);
        assertFalse(runner.lines().stream().anyMatch(l -> l.contains(grubenv + " set")), "no saved_entry to keep");
    }

    @Test
    void bootloaderIsInstalledOntoTheDisksEspAndBiosPartitionUnderTheLock() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        job(runner, offline(), false, List.of(), false, true, false).run(ProgressListener.NONE);
        List<String> lines = runner.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("grub-mkimage -O x86_64-efi")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("grub-mkimage -O i386-pc")), lines::toString);
        assertTrue(lines.contains("mcopy -o -i /dev/loop7p2 " + mounts.resolve("state/grub2/x86_64-efi/grub.efi")
                + " ::/EFI/BOOT/BOOTX64.NEW"), lines::toString);
        assertTrue(lines.contains("mren -D o -i /dev/loop7p2 ::/EFI/BOOT/BOOTX64.NEW ::/EFI/BOOT/BOOTX64.EFI"),
                "written to a new name, then renamed over the loader: " + lines);
        assertEquals("bootloader", history().get(0).detail().get("actions"));
    }

    @Test
    void nothingAskedIsAUsageError() {
        assertEquals(ErrorCode.USAGE, assertThrows(dev.cos.installer.error.InstallerException.class, () ->
                job(runner(new RecordingCommandRunner()), offline(), false, List.of(), false, false, false)
                        .run(ProgressListener.NONE)).code());
    }

    @Test
    void everyRecoveryActionSaysWhatItKeepsAndWhatItChanges() {
        List<RepairAction> actions = RepairAction.all();
        assertEquals(actions.size(), actions.stream().map(RepairAction::id).distinct().count());
        for (RepairAction action : actions) {
            assertFalse(action.keeps().isEmpty() || action.changes().isEmpty() || action.command().isEmpty(), action::toString);
        }
        RepairAction resetOem = actions.stream().filter(a -> a.id().equals("reset-oem")).findFirst().orElseThrow();
        assertTrue(resetOem.changes().stream().anyMatch(c -> c.contains("erases /oem")), resetOem::toString);
        RepairAction fsck = actions.stream().filter(a -> a.id().equals("fsck")).findFirst().orElseThrow();
        assertTrue(fsck.keeps().stream().anyMatch(c -> c.contains("COS_PERSISTENT")));
        assertTrue(fsck.changes().stream().anyMatch(c -> c.contains("lost+found")));
    }

    // --- diagnose

    private Diagnosis diagnose(RecordingCommandRunner runner) {
        try (CleanupStack cleanup = new CleanupStack()) {
            return new Diagnoser(runner, opener(runner), new StatusReader(runner, mountPoint -> ByteSize.ofGiB(1)))
                    .diagnose(new SystemLocation.Offline(image, Optional.of(Slot.ACTIVE)), cleanup);
        }
    }

    @Test
    void aHealthyDiskDiagnosesCleanReadOnlyWithEveryPartitionChecked() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner());
        Diagnosis diagnosis = diagnose(runner);
        assertTrue(diagnosis.healthy(), diagnosis::toString);
        assertEquals(List.of("efi", "oem", "recovery", "state", "persistent"),
                diagnosis.partitions().stream().map(Diagnosis.PartitionCheck::partition).toList());
        assertTrue(diagnosis.partitions().stream().allMatch(p -> p.result().equals("clean")), diagnosis::toString);
        assertTrue(runner.lines().contains("losetup --find --show --partscan --read-only " + image), runner.lines()::toString);
        assertTrue(runner.lines().contains("e2fsck -f -n /dev/loop7p3") && runner.lines().contains("fsck.vfat -n /dev/loop7p2"));
        assertTrue(runner.lines().contains("e2fsck -fn " + mounts.resolve("state/cOS/active.img")), runner.lines()::toString);
        assertTrue(runner.lines().contains("unsquashfs -s " + mounts.resolve("recovery/cOS/recovery.squashfs")));
        assertTrue(runner.lines().stream().noneMatch(l -> l.matches("e2fsck -f? ?-[py].*")), "nothing repaired");
        assertTrue(runner.lines().stream().filter(l -> l.startsWith("mount ")).allMatch(l -> l.contains("-o ro")),
                runner.lines()::toString);
        assertEquals("", diagnosis.boot().failedSlot());
    }

    @Test
    void aDamagedPartitionAndMissingOrDamagedFilesAreFindingsWithTheirRepair() throws IOException {
        Files.delete(disk.partition("state").resolve("grub2/grub.cfg"));
        Files.writeString(disk.partition("oem").resolve("grubenv"), "garbage");
        RecordingCommandRunner runner = runner(new RecordingCommandRunner()
                .on(c -> c.argv().equals(List.of("e2fsck", "-f", "-n", LOOP + "p3")), c -> new CommandResult(c, 4,
                        "Pass 1: Checking inodes, blocks, and sizes\nInode 12 has illegal blocks.\n", ""))
                .on(c -> c.argv().size() == 3 && c.argv().get(0).equals("grub-editenv") && c.argv().get(1).endsWith("oem/grubenv"),
                        c -> new CommandResult(c, 1, "", "grub-editenv: error: invalid environment block.")));
        Diagnosis diagnosis = diagnose(runner);
        assertFalse(diagnosis.healthy());
        Diagnosis.PartitionCheck oem = diagnosis.partitions().get(1);
        assertEquals("errors", oem.result());
        assertEquals(4, oem.exitCode());
        assertTrue(oem.output().contains("Inode 12 has illegal blocks."), oem::toString);
        Map<String, String> actions = new java.util.HashMap<>();
        diagnosis.findings().forEach(f -> actions.put(f.message().split(" ")[0], f.action()));
        assertEquals("fsck", actions.get("COS_OEM"), diagnosis.findings()::toString);
        assertEquals("bootloader", actions.get("COS_STATE:/grub2/grub.cfg:"), diagnosis.findings()::toString);
        assertEquals("grub-env", actions.get("COS_OEM:/grubenv:"), diagnosis.findings()::toString);
        // The same findings as code + args for the recovery screen to translate; the message is their English.
        Map<String, Map<String, String>> codes = new java.util.HashMap<>();
        diagnosis.findings().forEach(f -> codes.put(f.code(), f.args()));
        assertEquals(Map.of("file", "COS_STATE:/grub2/grub.cfg"), codes.get("finding.boot-file.missing"), codes::toString);
        assertEquals(Map.of("file", "COS_OEM:/grubenv", "problem", "grub-editenv cannot read it (grub-editenv: error:"
                + " invalid environment block.)"), codes.get("finding.env-file"), codes::toString);
        assertEquals(List.of("label", "output", "partition"), List.copyOf(codes.get("finding.partition.errors").keySet()));
        diagnosis.findings().forEach(f -> assertEquals(new dev.cos.installer.words.Phrase(f.code(), f.args()).english(),
                f.message()));
    }

    @Test
    void aPartitionThatCannotBeMountedIsStillCheckedAndReported() {
        RecordingCommandRunner runner = runner(new RecordingCommandRunner()
                .fail(List.of("mount", "-t", "ext4", "-o", "ro,noload", LOOP + "p3"), 32, "mount: wrong fs type, bad superblock")
                .on(c -> c.argv().equals(List.of("e2fsck", "-f", "-n", LOOP + "p3")), c -> new CommandResult(c, 8,
                        "", "e2fsck: Bad magic number in super-block")));
        Diagnosis diagnosis = diagnose(runner);
        assertFalse(diagnosis.healthy());
        assertEquals("failed", diagnosis.partitions().get(1).result());
        assertTrue(diagnosis.findings().stream().anyMatch(f -> f.message().contains("cannot be mounted")), diagnosis::toString);
        assertEquals("losetup --detach /dev/loop7", runner.lines().get(runner.lines().size() - 1), "everything undone");
    }
}
