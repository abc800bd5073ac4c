package dev.cos.installer.cli;

import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.api.Json;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.repair.RepairAction;
import dev.cos.installer.repair.RepairJob;
import dev.cos.installer.repair.RepairSpec;
import dev.cos.installer.installed.SystemLocation;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer repair}: filesystems, bootloader, GRUB environment; {@code --describe} lists the data impact. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Repair an installed cOS system (docs/repair.md). Data impact:",
                "  --fsck        e2fsck -f -p (with --yes-fix: -y), fsck.vfat for the ESP, on partitions nobody has"
                        + " mounted; keeps your data, but damaged files may be moved to lost+found.",
                "  --bootloader  reinstalls GRUB as install does: rewrites the ESP and COS_STATE:/grub2 (and the BIOS"
                        + " boot code); keeps your data and the system images.",
                "  --grub-env    rewrites COS_STATE:/grub_oem_env from state.yaml and resets COS_OEM:/grubenv: boot"
                        + " counters, next_entry, extra_cmdline and a rehearsal are cleared, saved_entry is kept.",
                "  --describe    lists every recovery action with what it keeps and what it changes."})
final class RepairCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--fsck", description = "Check and repair filesystems (e2fsck -f -p; fsck.vfat -a for the ESP).")
    boolean fsck;

    @Option(names = "--partition", paramLabel = "LABEL", description = "Only this partition (label or GPT name; repeatable)."
            + " Default: every one.")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--yes-fix", description = "With --fsck: answer yes to every fix (e2fsck -y, fsck.vfat -y).")
    boolean yesFix;

    @Option(names = "--bootloader", description = "Reinstall GRUB (ESP, COS_STATE:/grub2, BIOS boot code).")
    boolean bootloader;

    @Option(names = "--grub-env", description = "Restore the GRUB environment files to what the install writes.")
    boolean grubEnv;

    @Option(names = "--describe", description = "List the recovery actions and their data impact; changes nothing.")
    boolean describe;

    @Option(names = "--json", description = "With --describe: one JSON object.")
    boolean json;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (describe) {
            return describe(spec.commandLine().getOut());
        }
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            if (!fsck && !bootloader && !grubEnv) {
                throw new InstallerException(ErrorCode.USAGE, "nothing to repair: give --fsck, --bootloader and/or"
                        + " --grub-env (--describe lists what each changes)");
            }
            if ((yesFix || !partitions.isEmpty()) && !fsck) {
                throw new InstallerException(ErrorCode.USAGE, "--yes-fix and --partition go with --fsck");
            }
            SystemLocation location = system.location(false);
            Privileges.requireRoot("repair");
            Services services = Services.system();
            RepairSpec repair = new RepairSpec(location, fsck, partitions, yesFix, bootloader, grubEnv);
            printer.start("repair", facts(location));
            RepairJob.Outcome outcome = SystemOptions.withMountBase("repair", mountBase ->
                    new RepairJob(repair, services.runner(), services.mounter(), services.opener(mountBase),
                            GrubFiles.system(), mountBase, Clock.systemDefaultZone()).run(printer));
            return new JobSummary.Repair(outcome.actions(), outcome.fsck().stream()
                    .map(check -> Json.fromMap(check, JobSummary.FsckResult.class)).toList(), LogFile.current().toString());
        });
    }

    private JobFacts.Repair facts(SystemLocation location) {
        List<String> actions = new ArrayList<>();
        if (fsck) {
            actions.add(yesFix ? "fsck (-y)" : "fsck (-p)");
        }
        if (bootloader) {
            actions.add("bootloader");
        }
        if (grubEnv) {
            actions.add("grub-env");
        }
        return new JobFacts.Repair(location instanceof SystemLocation.Offline offline ? offline.target() + " (offline)"
                : "the running system", String.join(", ", actions), LogFile.current().toString());
    }

    /** The engine's repair actions as the contract's catalog (field for field). */
    static RepairCatalog catalog(List<RepairAction> actions) {
        return new RepairCatalog(actions.stream().map(a -> new RepairCatalog.Action(a.id(), a.title(), a.code(),
                a.args(), a.command(), a.keeps(), a.changes())).toList());
    }

    private int describe(PrintWriter out) {
        List<RepairAction> actions = RepairAction.all();
        if (json) {
            out.println(Json.line(catalog(actions)));
        } else {
            for (RepairAction action : actions) {
                out.printf("%s: %s%n  cos-installer %s%n  keeps:   %s%n  changes: %s%n", action.id(), action.title(),
                        String.join(" ", action.command()), String.join("; ", action.keeps()),
                        String.join("; ", action.changes()));
            }
        }
        out.flush();
        return 0;
    }
}
