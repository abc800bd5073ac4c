package dev.cos.installer.cli;

import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.Slot;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.status.FallbackRecorder;
import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.status.Rehearsal;
import dev.cos.installer.installed.OpenedSystem;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer bootentry}: which slot GRUB boots next (once) or by default. */
@Command(name = "bootentry", mixinStandardHelpOptions = true,
        description = "Choose the slot GRUB boots: --once for the next boot only (next_entry), else saved_entry.")
final class BootentryCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--select", required = true, paramLabel = "SLOT", description = "active, passive or recovery.")
    String select;

    @Option(names = "--once", description = "Only for the next boot (GRUB removes next_entry when it uses it).")
    boolean once;

    @Option(names = "--rehearsal", description = "With --select passive --once: a rollback rehearsal; status reports"
            + " afterwards whether passive booted (docs/repair.md).")
    boolean rehearsal;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Slot slot = Slot.fromCliName(select).orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "invalid --select '" + select + "': use active, passive or recovery"));
        if (rehearsal && (slot != Slot.PASSIVE || !once)) {
            throw new InstallerException(ErrorCode.USAGE, "--rehearsal goes with --select passive --once: a rehearsal"
                    + " boots passive once and comes back");
        }
        SystemLocation location = system.location(false);
        Privileges.requireRoot("bootentry");
        Services services = Services.system();
        Map.Entry<String, String> set = SystemOptions.withMountBase("bootentry", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                OpenedSystem opened = services.opener(mountBase).open(location, true, cleanup);
                FallbackRecorder.recordIfNew(opened, OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
                BootEntryWriter writer = new BootEntryWriter(services.runner(), mountBase);
                if (!rehearsal) {
                    return writer.select(opened, slot, once);
                }
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
                writer.rehearse(opened, now);
                HistoryLog.append(opened.mount(PartitionRole.STATE), new HistoryEvent(now, "rehearsal-requested",
                        Map.of("slot", "passive")));
                return Map.entry(BootEntryWriter.NEXT_ENTRY, slot.menuEntry() + " (rehearsal: " + Rehearsal.VARIABLE
                        + "=pending)");
            }
        });
        spec.commandLine().getOut().println("COS_OEM:/grubenv: " + set.getKey() + "=" + set.getValue());
        return 0;
    }
}
