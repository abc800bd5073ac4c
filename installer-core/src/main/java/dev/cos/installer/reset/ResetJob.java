package dev.cos.installer.reset;

import dev.cos.installer.boot.BootDiskTable;
import dev.cos.installer.boot.BootEnvironment;
import dev.cos.installer.boot.BootloaderInstaller;
import dev.cos.installer.boot.BootloaderTarget;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.disk.FilesystemProbe;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.status.FallbackRecorder;
import dev.cos.installer.history.HistoryEvents;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.images.SystemImageBuilder;
import dev.cos.installer.install.InstallJob;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.job.JobRunner;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.Step;
import dev.cos.installer.job.StepProgress;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.source.DirectorySource;
import dev.cos.installer.source.ExtImageSource;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.LocatedSource;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.source.SourceInspector;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYaml;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.ImageIdentities;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.FilesystemTools;
import dev.cos.installer.upgrade.UpgradeJob;
import dev.cos.installer.upgrade.UpgradeLock;
import dev.cos.installer.util.AtomicFiles;
import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resets an installed system from recovery (spec section 4): reformats COS_STATE with its label,
 * deploys active.img and passive.img from the recovery image (unsquashfs'd and rebuilt, or an ext2
 * recovery.img copied and relabelled) or from a given source, reinstalls GRUB as install does
 * ({@link BootloaderInstaller}), rewrites grub_oem_env and both state.yaml copies. COS_PERSISTENT
 * and COS_OEM keep their files unless asked to reformat them (COS_OEM:/grubenv exists afterwards
 * either way). The recovery image is never written. Only runs booted from recovery (offline:
 * {@code --as-booted recovery}); takes the upgrade lock.
 *
 * <p>Recovery boots at every moment of a reset (cos-layout section 4): every check that can precede
 * the format does (source, digest, space against COS_STATE's capacity; the tools are checked by the
 * caller), then GRUB is reinstalled with a grub.cfg copy on COS_RECOVERY that its embedded config
 * falls back to, and only then is COS_STATE formatted. The new images appear under their names only
 * when complete (built as transition.img, then renamed), so a cut leaves no half image to boot.
 */
public final class ResetJob {

    /** What a newly made ext4 filesystem already uses (root directory, lost+found) and the history file, at most. */
    private static final long EMPTY_FILESYSTEM_MIB = 4;

    private final ResetSpec spec;
    private final CommandRunner runner;
    private final Mounter mounter;
    private final SystemOpener opener;
    private final SourceInspector sources;
    private final SourceUnpacker unpacker;
    private final FreeSpace freeSpace;
    private final GrubFiles grubFiles;
    private final Clock clock;
    private final SystemImageBuilder images;

    private OpenedSystem system;
    private LocatedSource located;
    private UpgradeLock lock;
    private ImageSource source;
    private SourceFacts facts;
    private boolean copyRecoveryImage;
    private long imageMiB;
    private int bootTries;
    private BootloaderTarget bootloader;
    private Path tree;
    private InstallState state;
    private byte[] history = new byte[0];

    public ResetJob(ResetSpec spec, CommandRunner runner, Mounter mounter, SystemOpener opener, SourceInspector sources,
                    SourceUnpacker unpacker, FreeSpace freeSpace, GrubFiles grubFiles, Clock clock) {
        this.spec = spec;
        this.runner = runner;
        this.mounter = mounter;
        this.opener = opener;
        this.sources = sources;
        this.unpacker = unpacker;
        this.freeSpace = freeSpace;
        this.grubFiles = grubFiles;
        this.clock = clock;
        this.images = new SystemImageBuilder(runner);
    }

    /** What the reset did, for the summary: the source deployed and the state.yaml written. */
    public record Outcome(String source, InstallState state) {}

    /**
     * Runs every step and always cleans up.
     *
     * @throws InstallerException NOT_IN_RECOVERY before anything is opened when an offline reset is
     *     not {@code --as-booted recovery}; a StepFailedException naming the failed step otherwise
     */
    public Outcome run(ProgressListener listener) {
        if (spec.location() instanceof SystemLocation.Offline offline && offline.asBooted().isPresent()
                && offline.asBooted().get() != Slot.RECOVERY) {
            throw notInRecovery(offline.asBooted().get());
        }
        new JobRunner(listener).runAndCleanUp(this::steps, ResetJob::failureCode, "reset");
        return new Outcome(state.active().source(), state);
    }

    List<Step> steps(CleanupStack cleanup) {
        Phrase verifyTitle = spec.source().map(Words.STEP_VERIFY::with).orElse(Words.STEP_VERIFY_RECOVERY.with());
        Phrase unpackTitle = spec.source().map(Words.STEP_UNPACK::with).orElse(Words.STEP_UNPACK_RECOVERY.with());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("mount", Words.STEP_MOUNT.with(), 1, p -> mount(cleanup)));
        steps.add(new Step("lock", Words.STEP_LOCK.with(), 1, p -> lock(cleanup)));
        if (spec.source().filter(SourceLocator::isFetched).isPresent()) {
            // Not onto COS_STATE: it is reformatted before the image is unpacked.
            steps.add(new Step("download", Words.STEP_DOWNLOAD.with(spec.source().orElseThrow()), 10,
                    p -> located = sources.locate(spec.source().orElseThrow(), cleanup, p)));
        }
        steps.add(new Step("verify", verifyTitle, 10, p -> verify(cleanup, p)));
        steps.add(new Step("space", Words.STEP_SPACE.with(), 1, p -> checkSpace()));
        steps.add(new Step("recovery-boot", Words.STEP_RECOVERY_BOOT.with(), 2,
                p -> installBootloader()));
        steps.add(new Step("format-state", Words.STEP_FORMAT_STATE.with(), 3, p -> formatState(cleanup)));
        if (spec.resetPersistent()) {
            steps.add(new Step("format-persistent", Words.STEP_FORMAT_PERSISTENT.with(), 3,
                    p -> reformat(PartitionRole.PERSISTENT, Optional.empty())));
        }
        if (spec.resetOem()) {
            steps.add(new Step("format-oem", Words.STEP_FORMAT_OEM.with(), 1,
                    p -> reformat(PartitionRole.OEM, Optional.of(system.mount(PartitionRole.OEM)))));
        }
        steps.add(new Step("unpack", unpackTitle, 15, p -> unpack(cleanup, p)));
        steps.add(new Step("active", Words.STEP_ACTIVE.with(), 10, p -> buildActive()));
        steps.add(new Step("passive", Words.STEP_PASSIVE.with(), 4, p -> buildPassive()));
        steps.add(new Step("boot-env", Words.STEP_BOOT_ENV.with(), 1, p -> writeBootEnvironment(cleanup, p)));
        steps.add(new Step("bootloader", Words.STEP_BOOTLOADER.with(), 2, p -> installBootloader()));
        steps.add(new Step("state", Words.STEP_STATE.with(), 1, p -> writeState()));
        steps.add(new Step("sync", Words.STEP_SYNC.with(), 2, p -> runner.run(DiskTools.sync())));
        return steps;
    }

    private static ErrorCode failureCode(Step step) {
        return switch (step.id()) {
            case "mount" -> ErrorCode.MOUNT;
            case "verify", "unpack" -> ErrorCode.SOURCE;
            case "download" -> ErrorCode.DOWNLOAD;
            case "format-state", "format-persistent", "format-oem" -> ErrorCode.FORMAT;
            case "active", "passive" -> ErrorCode.IMAGE_BUILD;
            case "lock", "boot-env", "state" -> ErrorCode.STATE_FILE;
            case "recovery-boot", "bootloader" -> ErrorCode.BOOTLOADER;
            case "space" -> ErrorCode.NO_SPACE;
            default -> ErrorCode.INTERNAL;
        };
    }

    private static InstallerException notInRecovery(Slot booted) {
        return new InstallerException(ErrorCode.NOT_IN_RECOVERY, "reset only runs booted from recovery (this system"
                + " runs " + booted.cliName() + "): boot recovery once ('cos-installer bootentry --select recovery --once',"
                + " then reboot) and run it there, or work offline with --target DISK --as-booted recovery");
    }

    private void mount(CleanupStack cleanup) {
        system = opener.open(spec.location(), true, cleanup);
        Slot booted = system.booted().orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "an offline reset needs --as-booted recovery"));
        if (booted != Slot.RECOVERY) {
            throw notInRecovery(booted);
        }
        state = system.state();
        bootTries = BootEnvironment.bootTries(system.mount(PartitionRole.STATE).resolve(BootEnvironment.OEM_ENV),
                InstallSpec.DEFAULT_BOOT_TRIES);
        String disk = system.disk().orElseGet(this::parentDisk);
        String table = runner.run(Command.of("sfdisk", "-J", disk)).stdout();
        bootloader = BootDiskTable.target(disk, table, system.mount(PartitionRole.STATE), system.mount(PartitionRole.RECOVERY),
                BootEnvironment.Labels.of(state));
    }

    /** Online: the disk holding COS_STATE, by lsblk's parent kernel name. */
    private String parentDisk() {
        String parent = runner.run(Command.of("lsblk", "-ndo", "PKNAME", system.device(PartitionRole.STATE))).stdout().strip();
        if (parent.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot tell which disk holds "
                    + system.device(PartitionRole.STATE) + " (lsblk names no parent)");
        }
        return "/dev/" + parent;
    }

    private void lock(CleanupStack cleanup) {
        lock = UpgradeLock.acquire(system.stateImages().resolve(UpgradeLock.FILE_NAME), clock);
        cleanup.push("release the upgrade lock", this::releaseLock);
    }

    private void releaseLock() throws IOException {
        if (lock != null) {
            UpgradeLock held = lock;
            lock = null;
            held.close();
        }
    }

    /** The given source, else the recovery image: recovery.squashfs, or an ext2 recovery.img that is copied as is. */
    private void verify(CleanupStack cleanup, StepProgress progress) {
        if (located == null) {
            located = sources.locate(spec.source().orElseGet(this::recoveryImage), cleanup, ByteProgress.NONE);
        }
        source = located.image();
        facts = sources.scan(located, progress);
        copyRecoveryImage = spec.source().isEmpty() && source instanceof ExtImageSource;
        long treeMiB = facts.treeSize().mibRoundedUp();
        imageMiB = copyRecoveryImage ? ByteSize.ofBytes(facts.sourceBytes()).mibRoundedUp()
                : Math.max(treeMiB + LayoutPlanner.IMAGE_HEADROOM_MIB, LayoutPlanner.minimumSystemImageMiB(treeMiB));
    }

    private String recoveryImage() {
        for (RecoveryFs fs : List.of(RecoveryFs.SQUASHFS, RecoveryFs.EXT2)) {
            Path image = system.recoveryImages().resolve(fs.fileName());
            if (Files.isRegularFile(image)) {
                return image.toString();
            }
        }
        throw new InstallerException(ErrorCode.SOURCE, "COS_RECOVERY holds no recovery image (cOS/recovery.squashfs or"
                + " cOS/recovery.img): give the system to deploy with --source");
    }

    /**
     * COS_STATE is reformatted under its own mount point. The lock lives on it, so it is released
     * for the moment of the format and taken again on the new filesystem.
     */
    private void formatState(CleanupStack cleanup) throws IOException {
        // A reset often follows a fallback to recovery: record it while the old state.yaml still says what failed.
        FallbackRecorder.recordIfNew(system, OffsetDateTime.now(clock));
        history = HistoryLog.readBytes(system.mount(PartitionRole.STATE));
        releaseLock();
        reformat(PartitionRole.STATE, Optional.of(system.mount(PartitionRole.STATE)));
        lock(cleanup);
        if (history.length > 0) {
            // The history outlives the reformat: it is the record of what this system went through.
            AtomicFiles.write(HistoryLog.file(system.mount(PartitionRole.STATE)), history);
        }
    }

    /** mkfs with the same type and label; a mounted partition is unmounted first and mounted again after, also on failure. */
    private void reformat(PartitionRole role, Optional<Path> mountPoint) {
        String device = system.device(role);
        FilesystemProbe probe = FilesystemProbe.parse(runner.execute(Command.of("blkid", "-p", "-o", "export", device)).stdout());
        String fs = probe.type().matches("ext[234]") ? probe.type() : role.filesystem().orElse("ext4");
        mountPoint.ifPresent(mounter::unmount);
        try {
            runner.run(FilesystemTools.mkfsExt(fs, device, label(role)));
        } finally {
            mountPoint.ifPresent(point -> mounter.mount(device, point, fs, List.of()));
        }
    }

    private String label(PartitionRole role) {
        return switch (role) {
            case STATE -> state.stateLabel();
            case RECOVERY -> state.recoveryLabel();
            default -> state.otherPartitionLabels().getOrDefault(role.gptName(), role.defaultLabel().orElseThrow());
        };
    }

    /**
     * Checked before the format, against what COS_STATE offers once reformatted: both images, what
     * the unpack puts there (the private copy of a source file and, unless it is an ext image, which
     * is mounted, the tree from it), and the history carried over.
     */
    private void checkSpace() {
        ByteSize copy = source instanceof DirectorySource || copyRecoveryImage ? ByteSize.ZERO : ByteSize.ofBytes(facts.sourceBytes());
        boolean treeOnState = !(source instanceof DirectorySource || source instanceof ExtImageSource);
        ByteSize unpacked = copy.plus(treeOnState ? facts.treeSize() : ByteSize.ZERO);
        ByteSize needed = unpacked.plus(ByteSize.ofMiB(2 * imageMiB)).plus(ByteSize.ofMiB(EMPTY_FILESYSTEM_MIB));
        ByteSize capacity = freeSpace.capacity(system.mount(PartitionRole.STATE));
        if (capacity.isLessThan(needed)) {
            throw new InstallerException(ErrorCode.NO_SPACE, "the system does not fit on " + state.stateLabel() + ": "
                    + "it holds " + capacity.human() + " (" + capacity.bytes() + " bytes) when empty, and "
                    + needed.human() + " (" + needed.bytes() + " bytes) are needed: active and passive " + imageMiB
                    + " MiB each + unpacked source " + unpacked.human() + "; nothing was changed: reset from a smaller"
                    + " --source");
        }
    }

    private void unpack(CleanupStack cleanup, StepProgress progress) throws IOException {
        if (copyRecoveryImage) {
            progress.log("the recovery image is an ext2 image: it is copied, nothing to unpack");
            return;
        }
        tree = unpacker.unpack(source, facts, system.mount(PartitionRole.STATE).resolve(InstallJob.WORK_DIR), cleanup,
                progress);
    }

    private Path stateImage(String name) throws IOException {
        return Files.createDirectories(system.stateImages()).resolve(name);
    }

    /** Built as transition.img and renamed: active.img exists only complete (GRUB would try a half one). */
    private void buildActive() throws IOException {
        Path transition = stateImage(UpgradeJob.TRANSITION);
        if (copyRecoveryImage) {
            images.copyExt2(((ExtImageSource) source).path(), transition, "COS_ACTIVE");
        } else {
            images.buildExt2(transition, "COS_ACTIVE", tree, imageMiB);
        }
        Files.move(transition, stateImage(Slot.ACTIVE.stateImageName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private void buildPassive() throws IOException {
        Path transition = stateImage(UpgradeJob.TRANSITION);
        images.copyExt2(stateImage(Slot.ACTIVE.stateImageName()), transition, "COS_PASSIVE");
        Files.move(transition, stateImage(Slot.PASSIVE.stateImageName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * grub_oem_env from scratch (keeping the tries per slot); COS_OEM:/grubenv kept, or created when
     * missing. GRUB's failure marks, counters and the boot record were about the images just
     * replaced: they are removed.
     */
    private void writeBootEnvironment(CleanupStack cleanup, StepProgress progress) {
        BootEnvironment environment = new BootEnvironment(runner);
        environment.writeLabels(system.mount(PartitionRole.STATE), BootEnvironment.Labels.of(state), bootTries);
        if (!Files.isRegularFile(system.mount(PartitionRole.OEM).resolve(BootEnvironment.RUNTIME_ENV))) {
            environment.createRuntimeEnv(system.mount(PartitionRole.OEM));
        } else {
            List<String> stale = new ArrayList<>(BootEntryWriter.slotMarks(Slot.ACTIVE));
            stale.addAll(BootEntryWriter.slotMarks(Slot.PASSIVE));
            stale.add(ImageIdentities.GOOD_UUID);
            BootEntryWriter.withPrivateWorkDir(runner, cleanup).forget(system, stale, progress::log);
        }
    }

    private void installBootloader() throws IOException {
        Consumer<String> noPlan = operation -> { };
        new BootloaderInstaller(runner, grubFiles, noPlan).install(bootloader);
    }

    /** active and passive from the deployed source (the recovery image's own record when it was the source). */
    private void writeState() throws IOException {
        ImageRecord origin = spec.source().isPresent()
                ? facts.imageRecord(Optional.empty(), "ext2")
                : state.recovery();
        InstallState next = new InstallState(OffsetDateTime.now(clock), state.stateLabel(), image(origin, "COS_ACTIVE"),
                image(origin, "COS_PASSIVE"), state.recoveryLabel(), state.recovery(), state.otherPartitionLabels());
        byte[] yaml = StateYaml.render(next).getBytes(StandardCharsets.UTF_8);
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            AtomicFiles.write(system.mount(role).resolve("state.yaml"), yaml);
        }
        state = next;
        HistoryLog.append(system.mount(PartitionRole.STATE), HistoryEvents.deployed("reset", OffsetDateTime.now(clock), facts));
    }

    private static ImageRecord image(ImageRecord origin, String label) {
        return origin.as(Optional.of(label), "ext2");
    }
}
