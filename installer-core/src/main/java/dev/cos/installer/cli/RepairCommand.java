package dev.cos.installer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.cos.installer.service.Wiring;
import dev.cos.installer.service.RepairService;
import dev.cos.installer.installed.SystemLocation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
final class RepairCommand extends JobVerb {

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

    @Override
    public Integer call() throws Exception {
        if (describe) {
            return describe(spec.commandLine().getOut());
        }
        return super.call();
    }

    @Override
    JobSummary.Repair run(Wiring parts, ProgressPrinter printer) {
        RepairSpec repair = RepairSpec.of(() -> system.location(false), fsck, partitions, yesFix, bootloader, grubEnv);
        RepairJob.Outcome outcome = new RepairService(parts).repair(repair, printer,
                () -> printer.start("repair", facts(repair.location())));
        return new JobSummary.Repair(outcome.actions(), outcome.fsck().stream()
                .map(check -> Json.fromMap(check, JobSummary.FsckResult.class)).toList(), LogFile.current().toString());
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
