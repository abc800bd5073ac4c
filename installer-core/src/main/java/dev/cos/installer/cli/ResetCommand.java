package dev.cos.installer.cli;

import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.config.ResetConfig;
import dev.cos.installer.reset.ResetSpecFactory;
import dev.cos.installer.reset.ResetJob;
import dev.cos.installer.reset.ResetSpec;
import dev.cos.installer.service.ResetService;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cos-installer reset}: redeploys active and passive from recovery (or a source); only booted from recovery. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Reset an installed cOS system from recovery: reformat COS_STATE, deploy active and passive from"
                + " the recovery image (or --source) and reinstall the bootloader. COS_PERSISTENT and COS_OEM are kept"
                + " unless reset too; the recovery image is never touched.")
final class ResetCommand extends JobVerb {

    @Mixin
    SystemOptions system;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "Deploy this instead of the recovery image: a directory, tar archive, squashfs or ext image"
                    + " (path, dir:///, file:///, or an http(s):// URL, optionally with #sha256=<hex>), or a container image (oci:REF, docker:REF, oci-dir:PATH[:TAG], oci-archive:FILE[:TAG], each optionally @sha256:<digest>).")
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
    ContainerOptions containers;

    @Override
    JobSummary.Reset run(Wiring parts, ProgressPrinter printer) {
        ResetConfig flags = new ResetConfig(Optional.ofNullable(resetPersistent), Optional.ofNullable(resetOem),
                Optional.ofNullable(source), Optional.ofNullable(unverified.allowUnverified));
        InstallerConfigs configs = config.load(parts);
        ResetSpecFactory.Result asked = ResetSpecFactory.toSpec(configs.reset(), flags, system.location(true));
        ResetJob.Outcome outcome = new ResetService(parts).reset(asked.spec(),
                unverified.policy(asked.allowUnverified(), printer, containers.settings(configs.global())), printer,
                () -> printer.start("reset", facts(asked.spec())));
        return summary(asked.spec(), outcome, unverified.used());
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
