package dev.cos.installer.cli;

import dev.cos.installer.bootentry.BootentrySpec;
import dev.cos.installer.service.BootentryService;
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

    @Mixin
    EngineWiring wiring;

    @Override
    public Integer call() {
        BootentrySpec asked = BootentrySpec.of(system.location(false), select, once, rehearsal);
        BootentryService.Written set = new BootentryService(wiring.get()).select(asked);
        spec.commandLine().getOut().println("COS_OEM:/grubenv: " + set.variable() + "=" + set.value());
        return 0;
    }
}
