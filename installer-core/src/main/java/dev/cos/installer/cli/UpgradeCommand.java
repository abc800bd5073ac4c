package dev.cos.installer.cli;

import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.config.UpgradeConfig;
import dev.cos.installer.upgrade.UpgradeSpecFactory;
import dev.cos.installer.service.UpgradeService;
import dev.cos.installer.service.Wiring;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.upgrade.UpgradeJob;
import dev.cos.installer.upgrade.UpgradeSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cos-installer upgrade}: replaces the system image (A/B) or, with --recovery, the recovery image. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade an installed cOS system from a new source. Booted from active, the running system"
                + " becomes passive; booted from passive or recovery, only active is replaced.")
final class UpgradeCommand extends JobVerb {

    @Mixin
    SystemOptions system;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "The new system: a directory, tar archive, squashfs or ext image (path, dir:///, file:///,"
                    + " or an http(s):// URL, optionally with #sha256=<hex>), or a container image (oci:REF, docker:REF, oci-dir:PATH[:TAG], oci-archive:FILE[:TAG], each optionally @sha256:<digest>)."
                    + " Default: upgrade.system.uri (with --recovery: upgrade.recovery-system.uri) of the config.")
    String source;

    @Option(names = "--recovery", description = "Upgrade the recovery image instead; active and passive stay.")
    Boolean recovery;

    @Mixin
    ConfigOption config;

    @Mixin
    UnverifiedSources unverified;

    @Mixin
    ContainerOptions containers;

    @Option(names = "--system-size", paramLabel = "MiB", description = "Size of the new system image (default: tree + 256 MiB).")
    Long systemSizeMiB;

    @Override
    JobSummary.Upgrade run(Wiring parts, ProgressPrinter printer) {
        SystemLocation location = system.location(true);
        UpgradeConfig flags = new UpgradeConfig(Optional.ofNullable(source), Optional.ofNullable(recovery),
                Optional.empty(), Optional.ofNullable(unverified.allowUnverified));
        InstallerConfigs configs = config.load(parts);
        UpgradeSpecFactory.Result asked = UpgradeSpecFactory.toSpec(configs.upgrade(), flags, location,
                Optional.ofNullable(systemSizeMiB));
        UpgradeJob.Outcome outcome = new UpgradeService(parts).upgrade(asked.spec(),
                unverified.policy(asked.allowUnverified(), printer, containers.settings(configs.global())), printer,
                () -> printer.start("upgrade", facts(asked.spec())));
        return summary(asked.spec(), outcome, unverified.used());
    }

    private JobFacts.Upgrade facts(UpgradeSpec upgrade) {
        return new JobFacts.Upgrade(upgrade.location() instanceof SystemLocation.Offline offline
                ? offline.target() + " (offline, as booted from " + system.asBooted + ")" : "the running system",
                upgrade.source(), upgrade.recovery() ? "recovery" : "system (active/passive)", LogFile.current().toString());
    }

    private static JobSummary.Upgrade summary(UpgradeSpec upgrade, UpgradeJob.Outcome outcome, boolean unverified) {
        boolean recovery = upgrade.recovery();
        return new JobSummary.Upgrade(outcome.booted().cliName(), outcome.source().uri(),
                "sha256:" + outcome.source().sha256(), recovery ? null : outcome.state().active().source(),
                recovery ? null : outcome.state().passive().source(), recovery ? outcome.state().recovery().source() : null,
                LogFile.current().toString(), unverified);
    }
}
