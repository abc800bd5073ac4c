package dev.cos.installer.upgrade;

import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.status.FallbackRecorder;
import dev.cos.installer.history.HistoryEvents;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.images.SystemImageBuilder;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.install.InstallJob;
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
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.LocatedSource;
import dev.cos.installer.source.SourceLocator;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.source.SourceInspector;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYaml;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.ImageIdentities;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.FilesystemTools;
import dev.cos.installer.util.AtomicFiles;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Upgrades an installed system (spec section 4). Everything before the first rename only adds files
 * (the lock, a work dir, {@code transition.img}) that a failure removes again, so nothing that boots
 * changes; the renames are the commit points, each followed by sync and by a state.yaml that
 * describes the images then on disk. System upgrade booted from active, when active.img is known to
 * have booted (or passive.img is a copy of it, {@link ImageIdentities}): active.img becomes
 * passive.img (relabelled COS_PASSIVE), transition.img becomes active.img. Otherwise (booted from
 * passive or recovery, or an active that never booted, e.g. a second upgrade before a reboot): only
 * active.img is replaced, so passive stays the last image known to boot. Recovery upgrade
 * ({@code --recovery}): a transition image in the recovery image's format replaces it; active and
 * passive are untouched.
 */
public final class UpgradeJob {

    public static final String TRANSITION = "transition.img";
    /** Where an http(s) source is downloaded to, on COS_STATE; removed at the end and by the next run's clean. */
    static final String DOWNLOAD_DIR = ".cos-installer-download";
    private static final String STATE_FILE = "state.yaml";

    private final UpgradeSpec spec;
    private final CommandRunner runner;
    private final SystemOpener opener;
    private final SourceInspector sources;
    private final SourceUnpacker unpacker;
    private final FreeSpace freeSpace;
    private final Clock clock;
    private final SystemImageBuilder images;
    private final RecoveryImages recoveryImages;

    private OpenedSystem system;
    private LocatedSource located;
    private ImageSource source;
    private SourceFacts facts;
    private Path tree;
    private long transitionMiB;
    private RecoveryImages.Format recoveryFormat;
    private InstallState state;
    /** Whether swap-passive moves active.img to passive.img: decided in mount, from the evidence on disk. */
    private boolean movesActive;

    public UpgradeJob(UpgradeSpec spec, CommandRunner runner, SystemOpener opener, SourceInspector sources,
                      SourceUnpacker unpacker, FreeSpace freeSpace, Clock clock) {
        this.spec = spec;
        this.runner = runner;
        this.opener = opener;
        this.sources = sources;
        this.unpacker = unpacker;
        this.freeSpace = freeSpace;
        this.clock = clock;
        this.images = new SystemImageBuilder(runner);
        this.recoveryImages = new RecoveryImages(runner);
    }

    /** What the upgrade did, for the summary. */
    public record Outcome(Slot booted, SourceFacts source, InstallState state) {}

    /** Runs every step and always cleans up; throws a StepFailedException naming the failed step. */
    public Outcome run(ProgressListener listener) {
        new JobRunner(listener).runAndCleanUp(this::steps, UpgradeJob::failureCode,
                "upgrade");
        return new Outcome(system.booted().orElseThrow(), facts, state);
    }

    List<Step> steps(CleanupStack cleanup) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("mount", Words.STEP_MOUNT.with(), 1, p -> mount(cleanup, p::log)));
        steps.add(new Step("lock", Words.STEP_LOCK.with(), 1, p -> lock(cleanup)));
        steps.add(new Step("clean", Words.STEP_CLEAN.with(), 1, p -> {
            removeLeftovers();
            resyncStateMirror(p);
        }));
        if (SourceLocator.isFetched(spec.source())) {
            steps.add(new Step("download", Words.STEP_DOWNLOAD.with(spec.source()), 10, p -> locate(cleanup, p)));
        }
        steps.add(new Step("verify", Words.STEP_VERIFY.with(spec.source()), 10, p -> verify(cleanup, p)));
        steps.add(new Step("space", Words.STEP_SPACE.with(), 1, p -> checkSpace()));
        steps.add(new Step("unpack", Words.STEP_UNPACK.with(spec.source()), 15, p -> unpack(cleanup, p)));
        if (spec.recovery()) {
            steps.add(new Step("transition", Words.STEP_TRANSITION_RECOVERY.with(), 30, p -> buildRecoveryTransition(cleanup, p)));
            steps.add(new Step("sync", Words.STEP_SYNC.with(), 2, p -> runner.run(DiskTools.sync())));
            steps.add(new Step("swap-recovery", Words.STEP_SWAP_RECOVERY.with(), 1, p -> swapRecovery()));
        } else {
            steps.add(new Step("transition", Words.STEP_TRANSITION.with(), 10,
                    p -> buildSystemTransition(cleanup)));
            steps.add(new Step("sync", Words.STEP_SYNC.with(), 2, p -> runner.run(DiskTools.sync())));
            // Always listed, so every upgrade has the same steps; it moves nothing unless booted from active.
            steps.add(new Step("swap-passive", Words.STEP_SWAP_PASSIVE.with(), 1, this::activeToPassive));
            steps.add(new Step("swap-active", Words.STEP_SWAP_ACTIVE.with(), 1, p -> transitionToActive(cleanup, p)));
        }
        return steps;
    }

    private static ErrorCode failureCode(Step step) {
        return switch (step.id()) {
            case "mount" -> ErrorCode.MOUNT;
            case "verify", "unpack" -> ErrorCode.SOURCE;
            case "download" -> ErrorCode.DOWNLOAD;
            case "transition" -> ErrorCode.IMAGE_BUILD;
            case "lock", "swap-passive", "swap-active", "swap-recovery", "clean" -> ErrorCode.STATE_FILE;
            default -> ErrorCode.INTERNAL;
        };
    }

    private void mount(CleanupStack cleanup, Consumer<String> progressLog) {
        system = opener.open(spec.location(), true, cleanup);
        if (system.booted().isEmpty()) {
            throw new InstallerException(ErrorCode.USAGE, "an offline upgrade needs --as-booted active|passive|recovery");
        }
        state = system.state();
        FallbackRecorder.recordIfNew(system, now());
        if (!spec.recovery()) {
            movesActive = movesActiveToPassive(progressLog);
        }
    }

    /**
     * Booted from active, active.img becomes passive.img only when that loses no image known to boot
     * (issue 13): active has booted (it runs, or the last boot came up from it), passive is a copy of
     * it, or there is none. An active.img that is already gone was moved by an interrupted run.
     */
    private boolean movesActiveToPassive(Consumer<String> log) {
        Slot booted = system.booted().orElseThrow();
        if (!UpgradeStates.movesActiveToPassive(booted)) {
            return false;
        }
        Path active = system.stateImages().resolve(Slot.ACTIVE.stateImageName());
        Path passive = system.stateImages().resolve(Slot.PASSIVE.stateImageName());
        if (!Files.exists(active)) {
            return true;
        }
        ImageIdentities ids = ImageIdentities.read(system, runner, BootEntryWriter.read(system).orElse(Map.of()));
        boolean moves = ids.activeMayReplacePassive(Files.exists(passive));
        log.accept(moves ? "active.img " + (ids.activeHasBooted() ? "has booted" : "is a copy of passive.img")
                + ": it becomes passive.img"
                : "active.img (filesystem " + ids.active().orElse("unknown") + ") has not booted since it was written"
                        + " (the last boot came up from " + ids.running().or(ids::lastGood).orElse("an image not recorded") + "): it is"
                        + " replaced, and passive.img, the last image known to boot, stays");
        return moves;
    }

    private void lock(CleanupStack cleanup) {
        UpgradeLock lock = UpgradeLock.acquire(system.stateImages().resolve(UpgradeLock.FILE_NAME), clock);
        cleanup.push("release the upgrade lock", lock::close);
    }

    /** A killed run leaves its transition image and unpacked tree behind: neither is in use by anything. */
    private void removeLeftovers() {
        List<Path> leftovers = new ArrayList<>(List.of(system.stateImages().resolve(TRANSITION),
                system.mount(PartitionRole.STATE).resolve(InstallJob.WORK_DIR),
                system.mount(PartitionRole.STATE).resolve(DOWNLOAD_DIR)));
        for (RecoveryImages.Format format : RecoveryImages.Format.values()) {
            leftovers.add(system.recoveryImages().resolve(format.transitionName()));
        }
        for (Path leftover : leftovers) {
            if (Files.exists(leftover, LinkOption.NOFOLLOW_LINKS)) {
                runner.run("rm", "-rf", "--one-file-system", "--", leftover.toString());
            }
        }
    }

    /**
     * A run killed between the two state.yaml writes left COS_RECOVERY's mirror one write behind.
     * COS_STATE's copy, written first, parsed by {@link SystemOpener} and read by every verb, is the
     * one that describes the images: it is copied over the mirror (under the lock, atomically).
     */
    private void resyncStateMirror(StepProgress progress) throws IOException {
        Path authoritative = system.mount(PartitionRole.STATE).resolve(STATE_FILE);
        Path mirror = system.mount(PartitionRole.RECOVERY).resolve(STATE_FILE);
        if (!Files.isRegularFile(authoritative)) {
            return;  // the state was read from the mirror itself: there is nothing newer to copy
        }
        byte[] current = Files.readAllBytes(authoritative);
        if (Files.isRegularFile(mirror) && Arrays.equals(current, Files.readAllBytes(mirror))) {
            return;
        }
        progress.log("COS_RECOVERY:/" + STATE_FILE + " differs from COS_STATE's (an interrupted run): copying COS_STATE's over it");
        AtomicFiles.write(mirror, current);
    }

    /** An http(s) source is downloaded onto COS_STATE, where the tree and the transition go too. */
    private void locate(CleanupStack cleanup, ByteProgress progress) {
        located = sources.locate(spec.source(), system.mount(PartitionRole.STATE).resolve(DOWNLOAD_DIR), cleanup, progress);
    }

    private void verify(CleanupStack cleanup, StepProgress progress) {
        if (located == null) {
            locate(cleanup, ByteProgress.NONE);
        }
        source = located.image();
        facts = sources.scan(located, progress);
        long treeMiB = facts.treeSize().mibRoundedUp();
        long minimum = LayoutPlanner.minimumSystemImageMiB(treeMiB);
        transitionMiB = spec.systemSizeMiB().orElse(Math.max(treeMiB + LayoutPlanner.IMAGE_HEADROOM_MIB, minimum));
        if (transitionMiB < minimum) {
            throw new InstallerException(ErrorCode.USAGE, "--system-size " + transitionMiB + " cannot hold the source tree ("
                    + treeMiB + " MiB): use at least " + minimum + " MiB, or leave it out");
        }
        if (spec.recovery()) {
            recoveryFormat = recoveryImages.currentFormat(system);
        }
    }

    /**
     * The unpacked tree and the private copy of the source file it comes from go on COS_STATE
     * (unless the source is a directory); the transition beside its target.
     */
    private void checkSpace() {
        ByteSize unpacked = source instanceof DirectorySource ? ByteSize.ZERO
                : facts.treeSize().plus(ByteSize.ofBytes(facts.sourceBytes()));
        ByteSize transition = spec.recovery() && recoveryFormat.isSquashfs() ? facts.treeSize() : ByteSize.ofMiB(transitionMiB);
        if (spec.recovery()) {
            require(PartitionRole.STATE, unpacked, ByteSize.ZERO);
            require(PartitionRole.RECOVERY, ByteSize.ZERO, transition);
        } else {
            require(PartitionRole.STATE, unpacked, transition);
        }
    }

    private void require(PartitionRole role, ByteSize unpacked, ByteSize transition) {
        ByteSize needed = unpacked.plus(transition);
        ByteSize free = freeSpace.usable(system.mount(role));
        if (free.isLessThan(needed)) {
            throw new InstallerException(ErrorCode.NO_SPACE, "not enough free space on " + role.defaultLabel().orElseThrow()
                    + ": " + free.human() + " free (" + free.bytes() + " bytes), " + needed.human() + " needed (" + needed.bytes()
                    + " bytes: transition image " + transition.human() + " + unpacked source " + unpacked.human()
                    + "); free space there, or give a smaller --system-size");
        }
    }

    private void unpack(CleanupStack cleanup, StepProgress progress) throws IOException {
        tree = unpacker.unpack(source, facts, system.mount(PartitionRole.STATE).resolve(InstallJob.WORK_DIR), cleanup,
                progress);
    }

    private void buildSystemTransition(CleanupStack cleanup) {
        Path transition = system.stateImages().resolve(TRANSITION);
        pushRemovalUnlessRenamed(transition, cleanup);
        images.buildExt2(transition, "COS_ACTIVE", tree, transitionMiB);
    }

    private void buildRecoveryTransition(CleanupStack cleanup, StepProgress progress) {
        Path transition = system.recoveryImages().resolve(recoveryFormat.transitionName());
        pushRemovalUnlessRenamed(transition, cleanup);
        if (recoveryFormat.isSquashfs()) {
            images.buildSquashfs(tree, transition, recoveryFormat.compression(), progress::fraction);
        } else {
            images.buildExt2(transition, "COS_SYSTEM", tree, transitionMiB);
        }
    }

    // After the rename the path no longer exists, so the undo is a no-op on success.
    private void pushRemovalUnlessRenamed(Path transition, CleanupStack cleanup) {
        cleanup.push("remove " + transition + " if still there", () -> {
            if (Files.exists(transition, LinkOption.NOFOLLOW_LINKS)) {
                runner.run("rm", "-f", "--", transition.toString());
            }
        });
    }

    /** First commit point: from here GRUB finds no active.img and boots passive.img, the system that ran. */
    private void activeToPassive(StepProgress progress) throws IOException {
        Slot booted = system.booted().orElseThrow();
        if (!movesActive) {
            progress.log(UpgradeStates.movesActiveToPassive(booted) ? "active.img never booted: passive.img stays as it is"
                    : "booted from " + booted.cliName() + ": passive.img stays as it is");
            return;
        }
        Path active = system.stateImages().resolve(Slot.ACTIVE.stateImageName());
        Path passive = system.stateImages().resolve(Slot.PASSIVE.stateImageName());
        boolean renamed = Files.exists(active);
        if (renamed) {
            rename(active, passive);
        }
        // Also after an interrupted run that renamed but did not relabel.
        runner.run(FilesystemTools.tune2fsLabel(passive.toString(), "COS_PASSIVE"));
        runner.run(DiskTools.sync());
        if (renamed) {
            writeState(UpgradeStates.activeMovedToPassive(state, now()));
        }
    }

    private void transitionToActive(CleanupStack cleanup, StepProgress progress) throws IOException {
        ImageRecord replaced = state.active();
        rename(system.stateImages().resolve(TRANSITION), system.stateImages().resolve(Slot.ACTIVE.stateImageName()));
        runner.run(DiskTools.sync());
        writeState(UpgradeStates.newActive(state, UpgradeStates.record(facts, Optional.of("COS_ACTIVE"), "ext2"), now()));
        HistoryLog.append(system.mount(PartitionRole.STATE), HistoryEvents.upgraded("upgrade", now(),
                movesActive ? state.passive() : replaced, facts, system.booted().orElseThrow().cliName(),
                Optional.of(movesActive ? "previous-active" : "kept")));
        // GRUB's failure mark and counter were about the image just replaced (and, after a move, about
        // the passive.img that is gone): the new active is tried again.
        List<String> stale = new ArrayList<>(BootEntryWriter.slotMarks(Slot.ACTIVE));
        if (movesActive) {
            stale.addAll(BootEntryWriter.slotMarks(Slot.PASSIVE));
        }
        BootEntryWriter.withPrivateWorkDir(runner, cleanup).forget(system, stale, progress::log);
    }

    private void swapRecovery() throws IOException {
        ImageRecord replaced = state.recovery();
        Path transition = system.recoveryImages().resolve(recoveryFormat.transitionName());
        rename(transition, system.recoveryImages().resolve(recoveryFormat.imageName()));
        runner.run(DiskTools.sync());
        writeState(UpgradeStates.newRecovery(state, UpgradeStates.record(facts,
                recoveryFormat.isSquashfs() ? Optional.empty() : Optional.of("COS_SYSTEM"), recoveryFormat.fsName()), now()));
        HistoryLog.append(system.mount(PartitionRole.STATE), HistoryEvents.upgraded("recovery-upgrade", now(), replaced,
                facts, system.booted().orElseThrow().cliName(), Optional.empty()));
    }

    /** rename(2) within one filesystem: atomic, and replaces the target. */
    private void rename(Path from, Path to) {
        runner.run(Command.of("mv", "--no-target-directory", "--", from.toString(), to.toString()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private void writeState(InstallState next) throws IOException {
        byte[] yaml = StateYaml.render(next).getBytes(StandardCharsets.UTF_8);
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            AtomicFiles.write(system.mount(role).resolve(STATE_FILE), yaml);
        }
        state = next;
    }
}
