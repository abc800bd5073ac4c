package dev.cos.installer.cli;

import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.config.ResetConfig;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.reset.ResetJob;
import dev.cos.installer.reset.ResetSpec;
import dev.cos.installer.job.TestStop;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.SystemLocation;
import java.time.Clock;
import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer reset}: redeploys active and passive from recovery (or a source); only booted from recovery. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Reset an installed cOS system from recovery: reformat COS_STATE, deploy active and passive from"
                + " the recovery image (or --source) and reinstall the bootloader. COS_PERSISTENT and COS_OEM are kept"
                + " unless reset too; the recovery image is never touched.")
final class ResetCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "Deploy this instead of the recovery image: a directory, tar archive, squashfs or ext image"
                    + " (path, dir:///, file:///, or an http(s):// URL, optionally with #sha256=<hex>).")
    String source;

    @Option(names = "--reset-persistent", description = "Also reformat COS_PERSISTENT (/usr/local): its files are lost.")
    Boolean resetPersistent;

    @Option(names = "--reset-oem", description = "Also reformat COS_OEM (/oem): cloud-init files are lost.")
    Boolean resetOem;

    @Mixin
    ConfigOption config;

    @Mixin
    UnverifiedSources unverified;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            Services services = Services.system();
            ResetConfig configured = config.load(services.access()).reset();
            ResetSpec reset = resetSpec(system.location(true), configured);
            Privileges.requireRoot("reset");
            RequiredTools.system().check();
            printer.start("reset", facts(reset));
            ResetJob.Outcome outcome = SystemOptions.withMountBase("reset", mountBase ->
                    new ResetJob(reset, services.runner(), services.mounter(), services.opener(mountBase),
                            services.scanner(), services.unpacker(), FreeSpace.system(), GrubFiles.system(),
                            Clock.systemDefaultZone(), TestStop.fromEnvironment(),
                            unverified.locator(configured.allowUnverified(), printer, services.access())).run(printer));
            return summary(reset, outcome, unverified.used());
        });
    }

    /** config.yaml's reset: section, ELEMENTAL_RESET_* variables, then these flags (later wins). */
    private ResetSpec resetSpec(SystemLocation location, ResetConfig configured) {
        ResetConfig flags = new ResetConfig(Optional.ofNullable(resetPersistent), Optional.ofNullable(resetOem),
                Optional.ofNullable(source), Optional.empty());
        ResetConfig merged = configured.merge(flags);
        return new ResetSpec(location, merged.systemUri(), merged.resetPersistent().orElse(false),
                merged.resetOem().orElse(false));
    }

    private static JobFacts.Reset facts(ResetSpec reset) {
        return new JobFacts.Reset(reset.location() instanceof SystemLocation.Offline offline
                ? offline.target() + " (offline, as booted from recovery)" : "the running system",
                reset.source().orElse("the recovery image"), keptOr(reset.resetPersistent()), keptOr(reset.resetOem()),
                LogFile.current().toString());
    }

    private static JobSummary.Reset summary(ResetSpec reset, ResetJob.Outcome outcome, boolean unverified) {
        return new JobSummary.Reset(outcome.state().active().source(), outcome.state().passive().source(),
                keptOr(reset.resetPersistent()), keptOr(reset.resetOem()), LogFile.current().toString(), unverified);
    }

    private static String keptOr(boolean reformatted) {
        return reformatted ? "reformatted" : "kept";
    }
}
