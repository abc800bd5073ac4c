package dev.cos.installer.cli;

import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.config.UpgradeConfig;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.install.Privileges;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.job.TestStop;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.SystemLocation;
import dev.cos.installer.upgrade.UpgradeJob;
import dev.cos.installer.upgrade.UpgradeSpec;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cos-installer upgrade}: replaces the system image (A/B) or, with --recovery, the recovery image. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade an installed cOS system from a new source. Booted from active, the running system"
                + " becomes passive; booted from passive or recovery, only active is replaced.")
final class UpgradeCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "The new system: a directory, tar archive, squashfs or ext image (path, dir:///, file:///,"
                    + " or an http(s):// URL, optionally with #sha256=<hex>)."
                    + " Default: upgrade.system.uri (with --recovery: upgrade.recovery-system.uri) of the config.")
    String source;

    @Option(names = "--recovery", description = "Upgrade the recovery image instead; active and passive stay.")
    Boolean recovery;

    @Mixin
    ConfigOption config;

    @Mixin
    UnverifiedSources unverified;

    @Option(names = "--system-size", paramLabel = "MiB", description = "Size of the new system image (default: tree + 256 MiB).")
    Long systemSizeMiB;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProgressPrinter printer = progress.printer(spec.commandLine().getOut());
        return ProgressOption.report(printer, () -> {
            SystemLocation location = system.location(true);
            Privileges.requireRoot("upgrade");
            RequiredTools.system().check();
            Services services = Services.system();
            UpgradeConfig configured = config.load(services.access()).upgrade();
            UpgradeSpec upgrade = upgradeSpec(location, configured);
            printer.start("upgrade", facts(upgrade));
            UpgradeJob.Outcome outcome = SystemOptions.withMountBase("upgrade", mountBase ->
                    new UpgradeJob(upgrade, services.runner(), services.opener(mountBase), services.scanner(),
                            services.unpacker(), FreeSpace.system(), Clock.systemDefaultZone(), TestStop.fromEnvironment(),
                            unverified.locator(configured.allowUnverified(), printer, services.access()))
                            .run(printer));
            return summary(upgrade, outcome, unverified.used());
        });
    }

    /**
     * config.yaml's upgrade: section, ELEMENTAL_UPGRADE_* variables, then these flags (later wins). The
     * source of a recovery upgrade is upgrade.recovery-system.uri when set, else upgrade.system.uri.
     */
    private UpgradeSpec upgradeSpec(SystemLocation location, UpgradeConfig fromConfig) {
        UpgradeConfig flags = new UpgradeConfig(Optional.ofNullable(source), Optional.ofNullable(recovery), Optional.empty(),
                Optional.empty());
        UpgradeConfig merged = fromConfig.merge(flags);
        boolean recoveryUpgrade = merged.recovery().orElse(false);
        Optional<String> configured = recoveryUpgrade && source == null
                ? merged.recoverySystemUri().or(merged::systemUri) : merged.systemUri();
        String chosen = configured.orElseThrow(() -> new InstallerException(ErrorCode.USAGE,
                "no source to upgrade from: give --source, or set upgrade.system.uri in config.yaml"));
        return new UpgradeSpec(location, chosen, recoveryUpgrade, Optional.ofNullable(systemSizeMiB));
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
