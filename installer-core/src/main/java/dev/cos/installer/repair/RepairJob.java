package dev.cos.installer.repair;

import dev.cos.installer.boot.BootDiskTable;
import dev.cos.installer.boot.BootEnvironment;
import dev.cos.installer.boot.BootloaderInstaller;
import dev.cos.installer.boot.BootloaderTarget;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.disk.FilesystemProbe;
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
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.installed.LocatedSystem;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.installed.SystemOpener;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.GrubEditenv;
import dev.cos.installer.tools.GrubEnvBlock;
import dev.cos.installer.upgrade.UpgradeLock;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code repair}: filesystem checks that fix ({@code e2fsck -f -p}, or {@code -y}; {@code fsck.vfat
 * -a/-y} for the ESP) on partitions nobody has mounted, the bootloader reinstalled exactly as install
 * and reset install it ({@link BootloaderInstaller}), and the GRUB environment restored to what the
 * install writes. Filesystems are checked before anything is mounted. A partition the running system
 * has mounted is refused before any check runs, except COS_STATE's read-only mount when booted from
 * recovery: nothing runs from it there (recovery's root is on COS_RECOVERY), so it is unmounted for
 * its check and mounted read-only again afterwards. Every run appends a {@code repair} line to the
 * history.
 */
public final class RepairJob {

    private static final List<PartitionRole> CHECKABLE = List.of(PartitionRole.EFI, PartitionRole.OEM,
            PartitionRole.RECOVERY, PartitionRole.STATE, PartitionRole.PERSISTENT);
    private static final Set<String> KEPT_SAVED_ENTRIES = Set.of("cos", "fallback", "recovery");

    private final RepairSpec spec;
    private final CommandRunner runner;
    private final Mounter mounter;
    private final SystemOpener opener;
    private final GrubFiles grubFiles;
    private final Path workDir;
    private final Clock clock;

    private LocatedSystem located;
    private OpenedSystem system;
    private final List<Map<String, Object>> checks = new ArrayList<>();
    private final List<String> done = new ArrayList<>();

    /** @param workDir a private directory for edited copies of GRUB environment blocks */
    public RepairJob(RepairSpec spec, CommandRunner runner, Mounter mounter, SystemOpener opener, GrubFiles grubFiles,
                     Path workDir, Clock clock) {
        this.spec = spec;
        this.runner = runner;
        this.mounter = mounter;
        this.opener = opener;
        this.grubFiles = grubFiles;
        this.workDir = workDir;
        this.clock = clock;
    }

    /**
     * What was done, for the result summary.
     *
     * @param fsck one entry per partition checked: partition, label, device, result, exitCode, output
     * @param actions the actions that ran, in order
     */
    public record Outcome(List<Map<String, Object>> fsck, List<String> actions) {}

    /** Runs the steps and always cleans up; throws a StepFailedException naming the failed step. */
    public Outcome run(ProgressListener listener) {
        if (!spec.fsck() && !spec.bootloader() && !spec.grubEnv()) {
            throw new InstallerException(ErrorCode.USAGE, "nothing to repair: give --fsck, --bootloader and/or --grub-env"
                    + " (repair --describe lists what each changes)");
        }
        new JobRunner(listener).runAndCleanUp(this::steps, RepairJob::failureCode, "repair");
        return new Outcome(List.copyOf(checks), List.copyOf(done));
    }

    List<Step> steps(CleanupStack cleanup) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("locate", Words.STEP_LOCATE.with(), 1,
                p -> located = opener.withOptionalPartitions(opener.locate(spec.location(), true, cleanup))));
        if (spec.fsck()) {
            steps.add(new Step("fsck", Words.STEP_FSCK.with(), 20, this::fsck));
        }
        steps.add(new Step("mount", Words.STEP_MOUNT.with(), 1, p -> {
            system = opener.mount(located, true, cleanup);
            FallbackRecorder.recordIfNew(system, OffsetDateTime.now(clock));
        }));
        if (spec.bootloader() || spec.grubEnv()) {
            steps.add(new Step("lock", Words.STEP_LOCK.with(), 1, p -> {
                UpgradeLock lock = UpgradeLock.acquire(system.stateImages().resolve(UpgradeLock.FILE_NAME), clock);
                cleanup.push("release the upgrade lock", lock::close);
            }));
        }
        if (spec.bootloader()) {
            steps.add(new Step("bootloader", Words.STEP_REPAIR_BOOTLOADER.with(), 5, p -> bootloader()));
        }
        if (spec.grubEnv()) {
            steps.add(new Step("grub-env", Words.STEP_GRUB_ENV.with(), 1, this::grubEnv));
        }
        steps.add(new Step("history", Words.STEP_REPAIR_HISTORY.with(), 1, p -> record()));
        return steps;
    }

    private static ErrorCode failureCode(Step step) {
        return switch (step.id()) {
            case "locate", "mount" -> ErrorCode.MOUNT;
            case "fsck" -> ErrorCode.FILESYSTEM;
            case "bootloader" -> ErrorCode.BOOTLOADER;
            case "lock", "grub-env", "history" -> ErrorCode.STATE_FILE;
            default -> ErrorCode.INTERNAL;
        };
    }

    /** The partitions asked for (by label or GPT name), all by default; refuses names that are not there. */
    List<PartitionRole> chosen() {
        if (spec.partitions().isEmpty()) {
            return CHECKABLE.stream().filter(located.devices()::containsKey).toList();
        }
        List<PartitionRole> roles = new ArrayList<>();
        for (String name : spec.partitions()) {
            PartitionRole role = CHECKABLE.stream().filter(r -> located.devices().containsKey(r)
                    && (r.gptName().equalsIgnoreCase(name) || r.defaultLabel().orElseThrow().equalsIgnoreCase(name)))
                    .findFirst().orElseThrow(() -> new InstallerException(ErrorCode.USAGE, "no partition '" + name
                            + "' here: use one of " + CHECKABLE.stream().filter(located.devices()::containsKey)
                            .map(r -> r.defaultLabel().orElseThrow()).toList()));
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Refuses mounted partitions before checking any; COS_STATE read-only in recovery is unmounted for its check. */
    private void fsck(StepProgress progress) {
        List<PartitionRole> roles = chosen();
        boolean recovery = located.booted().equals(Optional.of(Slot.RECOVERY));
        for (PartitionRole role : roles) {
            Optional<String> mountedAt = located.mountedAt(role);
            if (mountedAt.isPresent() && !(role == PartitionRole.STATE && recovery
                    && mountedAt.get().equals(SystemOpener.STATE_RUNTIME_MOUNT))) {
                throw new InstallerException(ErrorCode.IN_USE, role.defaultLabel().orElseThrow() + " is mounted at "
                        + mountedAt.get() + " by the running system: repairing a mounted filesystem corrupts it. Nothing"
                        + " was checked. Boot recovery (where only COS_RECOVERY is in use), or unmount it first, or"
                        + " repair the disk offline (--target)");
            }
        }
        int index = 0;
        List<String> left = new ArrayList<>();
        for (PartitionRole role : roles) {
            String device = located.devices().get(role);
            Optional<String> mountedAt = located.mountedAt(role);
            mountedAt.ifPresent(point -> {
                progress.log("unmounting " + point + " (read-only, unused in recovery) for its check");
                mounter.unmount(Path.of(point));
            });
            try {
                Map<String, Object> check = check(role, device);
                checks.add(check);
                progress.log(role.defaultLabel().orElseThrow() + ": " + check.get("result"));
                if (check.get("result").equals("errors") || check.get("result").equals("failed")) {
                    left.add(role.defaultLabel().orElseThrow());
                }
            } finally {
                mountedAt.ifPresent(point -> mounter.mount(device, Path.of(point), "", List.of("ro")));
            }
            progress.fraction(++index / (double) roles.size());
        }
        done.add("fsck");
        if (!left.isEmpty()) {
            throw new InstallerException(ErrorCode.FILESYSTEM, "errors remain on " + String.join(", ", left)
                    + (spec.yesFix() ? ": e2fsck could not fix everything; the log has its output"
                    : ": e2fsck -p stops at fixes that need a decision; run again with --yes-fix (damaged files may"
                    + " be moved to lost+found)"), String.join("\n", checks.stream().map(Object::toString).toList()));
        }
    }

    private Map<String, Object> check(PartitionRole role, String device) {
        CommandResult probed = runner.execute(Command.of("blkid", "-p", "-o", "export", device));
        FilesystemProbe probe = probed.succeeded() ? FilesystemProbe.parse(probed.stdout()) : FilesystemProbe.NONE;
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("partition", role.gptName());
        check.put("label", probe.label());
        check.put("device", device);
        check.put("fs", probe.type());
        Optional<Command> command = Fsck.command(probe.type(), device, spec.yesFix() ? Fsck.Mode.YES : Fsck.Mode.PREEN);
        if (command.isEmpty()) {
            check.put("result", probe.type().isEmpty() ? "failed" : "not-checked");
            check.put("exitCode", -1);
            check.put("output", List.of(probe.type().isEmpty() ? "blkid -p finds no filesystem on " + device
                    : "no checker for " + probe.type()));
            return check;
        }
        CommandResult result = runner.execute(command.get());
        check.put("result", Fsck.verdict(probe.type(), result.exitCode()));
        check.put("exitCode", result.exitCode());
        check.put("output", Fsck.firstLines(result));
        return check;
    }

    private void bootloader() throws IOException {
        String disk = system.disk().orElseGet(this::parentDisk);
        String table = runner.run(Command.of("sfdisk", "-J", disk)).stdout();
        BootloaderTarget target = BootDiskTable.target(disk, table, system.mount(PartitionRole.STATE),
                system.mount(PartitionRole.RECOVERY), BootEnvironment.Labels.of(system.state()));
        new BootloaderInstaller(runner, grubFiles, operation -> { }).install(target);
        runner.run(DiskTools.sync());
        done.add("bootloader");
    }

    /** Online: the disk holding COS_STATE, by lsblk's parent kernel name (as reset finds it). */
    private String parentDisk() {
        String parent = runner.run(Command.of("lsblk", "-ndo", "PKNAME", system.device(PartitionRole.STATE))).stdout().strip();
        if (parent.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot tell which disk holds "
                    + system.device(PartitionRole.STATE) + " (lsblk names no parent)");
        }
        return "/dev/" + parent;
    }

    /**
     * grub_oem_env from state.yaml's labels (keeping cos_max_tries), and COS_OEM:/grubenv as the
     * install writes it (empty) but for a valid saved_entry: an administrator's choice that never
     * stops the system from booting (the fallback chain still applies). A valid block is rewritten
     * in place (GRUB only saves to blocks the file has); a missing or damaged one is created anew.
     */
    private void grubEnv(StepProgress progress) throws IOException {
        InstallState state = system.state();
        Path stateMount = system.mount(PartitionRole.STATE);
        int tries = BootEnvironment.bootTries(stateMount.resolve(BootEnvironment.OEM_ENV), InstallSpec.DEFAULT_BOOT_TRIES);
        new BootEnvironment(runner).writeLabels(stateMount, BootEnvironment.Labels.of(state), tries);
        Path grubenv = system.mount(PartitionRole.OEM).resolve(BootEnvironment.RUNTIME_ENV);
        Optional<String> saved = savedEntry(grubenv);
        Map<String, String> keep = saved.map(value -> Map.of(BootEntryWriter.SAVED_ENTRY, value)).orElse(Map.of());
        if (Files.isRegularFile(grubenv) && Files.size(grubenv) == GrubEnvBlock.SIZE_BYTES) {
            Path copy = workDir.resolve("grubenv.new");
            runner.run(GrubEditenv.create(copy.toString()));
            if (!keep.isEmpty()) {
                runner.run(GrubEditenv.set(copy.toString(), keep));
            }
            runner.run(BootEntryWriter.writeInPlace(copy, grubenv));
            Files.deleteIfExists(copy);
        } else {
            progress.log("COS_OEM:/grubenv is missing or not 1024 bytes: creating it anew");
            runner.run(Command.of("rm", "-f", "--", grubenv.toString()));
            runner.run(GrubEditenv.create(grubenv.toString()));
            if (!keep.isEmpty()) {
                runner.run(GrubEditenv.set(grubenv.toString(), keep));
            }
        }
        progress.log(saved.map(value -> "kept saved_entry=" + value).orElse("no saved_entry to keep"));
        runner.run(DiskTools.sync());
        done.add("grub-env");
    }

    private static Optional<String> savedEntry(Path grubenv) {
        try {
            String value = GrubEnvBlock.parse(Files.readAllBytes(grubenv)).getOrDefault(BootEntryWriter.SAVED_ENTRY, "");
            return KEPT_SAVED_ENTRIES.contains(value) ? Optional.of(value) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void record() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("actions", String.join(",", done));
        for (Map<String, Object> check : checks) {
            detail.put("fsck." + check.get("partition").toString().toLowerCase(Locale.ROOT), check.get("result").toString());
        }
        HistoryLog.append(system.mount(PartitionRole.STATE), new HistoryEvent(OffsetDateTime.now(clock), "repair", detail));
    }

}
