package dev.cos.installer.rollback;

import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.status.FallbackRecorder;
import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.job.JobRunner;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.Step;
import dev.cos.installer.job.StepProgress;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYaml;
import dev.cos.installer.status.Rehearsal;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.FilesystemTools;
import dev.cos.installer.upgrade.UpgradeLock;
import dev.cos.installer.util.AtomicFiles;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rollback --swap}: passive.img becomes active.img and active.img passive.img, by renames on
 * COS_STATE (docs/repair.md). The state.yaml the swap ends with is first written to
 * {@value #JOURNAL} (atomically); then: active.img -> {@value #PARKED} (GRUB now boots passive, the
 * system that becomes active), passive.img -> active.img (relabelled COS_ACTIVE; both state.yaml
 * copies say the swap), {@value #PARKED} -> passive.img (relabelled COS_PASSIVE), the journal removed.
 * At every point a bootable image is in place, and a rerun after a kill tells from the files (and,
 * with both images back in place, from whether state.yaml already equals the journal) where to go
 * on. Refused on the running system booted from active: its image is in use. Takes the upgrade lock.
 */
public final class RollbackJob {

    static final String PARKED = "rollback.img";
    static final String JOURNAL = "rollback.pending.yaml";
    private static final String STATE_FILE = "state.yaml";

    private final SystemLocation location;
    private final CommandRunner runner;
    private final SystemOpener opener;
    private final Path workDir;
    private final Clock clock;

    private OpenedSystem system;
    private InstallState before;
    private InstallState after;

    /** @param workDir a private directory for an edited copy of COS_OEM:/grubenv */
    public RollbackJob(SystemLocation location, CommandRunner runner, SystemOpener opener, Path workDir, Clock clock) {
        this.location = location;
        this.runner = runner;
        this.opener = opener;
        this.workDir = workDir;
        this.clock = clock;
    }

    /** The records of active and passive before and after the swap. */
    public record Outcome(InstallState before, InstallState after) {}

    public Outcome run(ProgressListener listener) {
        new JobRunner(listener).runAndCleanUp(cleanup -> steps(cleanup), RollbackJob::failureCode, "rollback");
        return new Outcome(before, after);
    }

    List<Step> steps(CleanupStack cleanup) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("mount", Words.STEP_MOUNT.with(), 1, p -> mount(cleanup)));
        steps.add(new Step("lock", Words.STEP_LOCK.with(), 1, p -> {
            UpgradeLock lock = UpgradeLock.acquire(system.stateImages().resolve(UpgradeLock.FILE_NAME), clock);
            cleanup.push("release the upgrade lock", lock::close);
        }));
        steps.add(new Step("swap", Words.STEP_SWAP.with(), 5, this::swap));
        steps.add(new Step("boot-env", Words.STEP_ROLLBACK_BOOT_ENV.with(), 1, this::resetBootEnv));
        steps.add(new Step("history", Words.STEP_ROLLBACK_HISTORY.with(), 1, p -> record()));
        return steps;
    }

    private static ErrorCode failureCode(Step step) {
        return step.id().equals("mount") ? ErrorCode.MOUNT : ErrorCode.STATE_FILE;
    }

    private void mount(CleanupStack cleanup) {
        system = opener.open(location, true, cleanup);
        if (system.online() && system.booted().equals(Optional.of(Slot.ACTIVE))) {
            throw new InstallerException(ErrorCode.IN_USE, "this system runs from active.img, which cannot be swapped"
                    + " while in use: make passive boot next ('cos-installer bootentry --select passive'), reboot, and"
                    + " run the swap there (or from recovery, or offline with --target)");
        }
        FallbackRecorder.recordIfNew(system, OffsetDateTime.now(clock));
        before = system.state();
    }

    private void swap(StepProgress progress) throws IOException {
        Path dir = system.stateImages();
        Path active = dir.resolve(Slot.ACTIVE.stateImageName());
        Path passive = dir.resolve(Slot.PASSIVE.stateImageName());
        Path parked = dir.resolve(PARKED);
        Path journal = dir.resolve(JOURNAL);
        Path stateFile = system.mount(PartitionRole.STATE).resolve(STATE_FILE);
        byte[] target;
        boolean resumed = Files.isRegularFile(journal);
        if (resumed) {
            progress.log("an interrupted rollback left " + JOURNAL + ": going on with it");
            target = Files.readAllBytes(journal);
            after = dev.cos.installer.state.StateYamlReader.parse(new String(target, StandardCharsets.UTF_8),
                    "COS_STATE:/cOS/" + JOURNAL);
        } else {
            if (!Files.isRegularFile(passive)) {
                throw new InstallerException(ErrorCode.INVALID_TARGET, "there is no passive.img to roll back to: nothing"
                        + " was changed; reset from recovery instead");
            }
            if (!Files.isRegularFile(active)) {
                throw new InstallerException(ErrorCode.INVALID_TARGET, "there is no active.img: GRUB already boots"
                        + " passive.img; upgrade or reset to get a new active system. Nothing was changed");
            }
            after = swapped(before, OffsetDateTime.now(clock));
            target = StateYaml.render(after).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(journal, target);
        }
        boolean bothInPlace = Files.exists(active) && Files.exists(passive) && !Files.exists(parked);
        if (bothInPlace && !(resumed && Arrays.equals(Files.readAllBytes(stateFile), target))) {
            rename(active, parked);
            runner.run(DiskTools.sync());
        }
        if (!Files.exists(active) && Files.exists(passive) && Files.exists(parked)) {
            rename(passive, active);
            runner.run(FilesystemTools.tune2fsLabel(active.toString(), "COS_ACTIVE"));
            runner.run(DiskTools.sync());
            writeState(target);
        }
        if (Files.exists(active) && !Files.exists(passive) && Files.exists(parked)) {
            rename(parked, passive);
        }
        if (!(Files.exists(active) && Files.exists(passive) && !Files.exists(parked))) {
            throw new InstallerException(ErrorCode.STATE_FILE, "COS_STATE:/cOS holds an unexpected set of images (active.img "
                    + Files.exists(active) + ", passive.img " + Files.exists(passive) + ", " + PARKED + " "
                    + Files.exists(parked) + "): not touching them; " + JOURNAL + " says what the rollback meant to do");
        }
        // Idempotent: also after a kill between a rename and its relabel.
        runner.run(FilesystemTools.tune2fsLabel(active.toString(), "COS_ACTIVE"));
        runner.run(FilesystemTools.tune2fsLabel(passive.toString(), "COS_PASSIVE"));
        runner.run(DiskTools.sync());
        writeState(target);
        Files.delete(journal);
        runner.run(DiskTools.sync());
    }

    /** After the swap: active is described by the old passive's record and passive by the old active's. Pure. */
    static InstallState swapped(InstallState old, OffsetDateTime now) {
        return new InstallState(now, old.stateLabel(), relabel(old.passive(), "COS_ACTIVE"), relabel(old.active(), "COS_PASSIVE"),
                old.recoveryLabel(), old.recovery(), old.otherPartitionLabels());
    }

    private static ImageRecord relabel(ImageRecord record, String label) {
        return record.as(Optional.of(label), record.fs());
    }

    private void rename(Path from, Path to) {
        runner.run(Command.of("mv", "--no-target-directory", "--", from.toString(), to.toString()));
    }

    /** COS_STATE's copy first (the one every verb reads), then the mirror; each only when it differs. */
    private void writeState(byte[] yaml) throws IOException {
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            Path file = system.mount(role).resolve(STATE_FILE);
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), yaml)) {
                AtomicFiles.write(file, yaml);
            }
        }
    }

    /**
     * The attempt counters and a rehearsal were about the old pair, and saved_entry=fallback would
     * now prefer the system just rolled away from: they are removed (when there). GRUB's failure
     * marks follow their images: a failed active is now passive, so its mark becomes passive's.
     */
    private void resetBootEnv(StepProgress progress) {
        Optional<Map<String, String>> read = BootEntryWriter.read(system);
        if (read.isEmpty()) {
            progress.log("COS_OEM:/grubenv is missing or damaged: left as it is; 'repair --grub-env' restores it");
            return;
        }
        Map<String, String> env = read.get();
        List<String> unset = new ArrayList<>();
        for (String name : List.of("cos_tries_active", "cos_tries_passive", Rehearsal.VARIABLE, Rehearsal.REQUESTED_AT)) {
            if (env.containsKey(name)) {
                unset.add(name);
            }
        }
        if ("fallback".equals(env.get(BootEntryWriter.SAVED_ENTRY))) {
            unset.add(BootEntryWriter.SAVED_ENTRY);
        }
        Map<String, String> set = new LinkedHashMap<>();
        String activeMark = Slot.ACTIVE.failedMark();
        String passiveMark = Slot.PASSIVE.failedMark();
        if (env.containsKey(activeMark) != env.containsKey(passiveMark)) {
            String from = env.containsKey(activeMark) ? activeMark : passiveMark;
            String to = from.equals(activeMark) ? passiveMark : activeMark;
            unset.add(from);
            set.put(to, env.get(from));
        }
        if (!unset.isEmpty() || !set.isEmpty()) {
            progress.log("COS_OEM:/grubenv: removing " + unset + (set.isEmpty() ? "" : ", setting " + set));
            new BootEntryWriter(runner, workDir).edit(system, set, unset);
        }
    }

    private void record() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("activeSource", after.active().source());
        detail.put("activeDigest", after.active().digest());
        detail.put("passiveSource", after.passive().source());
        detail.put("passiveDigest", after.passive().digest());
        detail.put("booted", system.booted().map(Slot::cliName).orElse("offline"));
        HistoryLog.append(system.mount(PartitionRole.STATE), new HistoryEvent(OffsetDateTime.now(clock), "rollback", detail));
    }
}
