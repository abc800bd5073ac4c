package dev.cos.installer.cli;

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

    @Override
    Map<String, Object> run(Wiring parts, ProgressPrinter printer) {
        SystemLocation location = system.location(true);
        UpgradeConfig flags = new UpgradeConfig(Optional.ofNullable(source), Optional.ofNullable(recovery),
                Optional.empty(), Optional.ofNullable(unverified.allowUnverified));
        UpgradeSpecFactory.Result asked = UpgradeSpecFactory.toSpec(config.load(parts).upgrade(), flags, location,
                Optional.ofNullable(systemSizeMiB));
        UpgradeJob.Outcome outcome = new UpgradeService(parts).upgrade(asked.spec(),
                unverified.policy(asked.allowUnverified(), printer), printer,
                () -> printer.start("upgrade", facts(asked.spec())));
        return unverified.mark(summary(asked.spec(), outcome));
    }

    private Map<String, Object> facts(UpgradeSpec upgrade) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("target", upgrade.location() instanceof SystemLocation.Offline offline
                ? offline.target() + " (offline, as booted from " + system.asBooted + ")" : "the running system");
        facts.put("source", upgrade.source());
        facts.put("image", upgrade.recovery() ? "recovery" : "system (active/passive)");
        facts.put("log", LogFile.current().toString());
        return facts;
    }

    private static Map<String, Object> summary(UpgradeSpec upgrade, UpgradeJob.Outcome outcome) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("booted", outcome.booted().cliName());
        summary.put("source", outcome.source().uri());
        summary.put("digest", "sha256:" + outcome.source().sha256());
        if (upgrade.recovery()) {
            summary.put("recovery", outcome.state().recovery().source());
        } else {
            summary.put("active", outcome.state().active().source());
            summary.put("passive", outcome.state().passive().source());
        }
        summary.put("log", LogFile.current().toString());
        return summary;
    }
}
