package dev.cos.installer.cli;

import dev.cos.installer.bootentry.BootEntryWriter;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.Slot;
import dev.cos.installer.system.SystemLocation;
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

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Slot slot = Slot.fromCliName(select).orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "invalid --select '" + select + "': use active, passive or recovery"));
        SystemLocation location = system.location(false);
        Privileges.requireRoot("bootentry");
        Services services = Services.system();
        Map.Entry<String, String> set = SystemOptions.withMountBase("bootentry", mountBase -> {
            try (CleanupStack cleanup = new CleanupStack()) {
                return new BootEntryWriter(services.runner(), mountBase)
                        .select(services.opener(mountBase).open(location, true, cleanup), slot, once);
            }
        });
        spec.commandLine().getOut().println("COS_OEM:/grubenv: " + set.getKey() + "=" + set.getValue());
        return 0;
    }
}
