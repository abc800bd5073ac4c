package dev.cos.installer.cli;

import dev.cos.installer.api.Json;
import dev.cos.installer.api.UpgradeCheck;
import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.service.SourcePolicy;
import dev.cos.installer.service.UpgradeCheckService;
import dev.cos.installer.service.Wiring;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cos-installer upgrade-check}: whether the upgrade source (a container image) holds another
 * system than the running one, asked with a manifest HEAD: nothing is downloaded or written.
 */
@Command(name = "upgrade-check", mixinStandardHelpOptions = true,
        description = "Ask a container image source (default: upgrade.system.uri of the config) which digest its tag"
                + " points at now, without downloading it, and compare it with the running system's. Changes nothing.")
final class UpgradeCheckCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Option(names = "--source", paramLabel = "SOURCE",
            description = "A container image: oci:REF, docker:REF, oci-dir:PATH[:TAG], oci-archive:FILE[:TAG]."
                    + " Default: upgrade.system.uri of the config.")
    String source;

    @Mixin
    ConfigOption config;

    @Mixin
    ContainerOptions containers;

    @Mixin
    AnswerOutput output;

    @Mixin
    EngineWiring wiring;

    @Override
    public Integer call() {
        Wiring parts = wiring.get();
        InstallerConfigs configs = config.load(parts);
        String asked = Optional.ofNullable(source).or(() -> configs.upgrade().systemUri()).orElseThrow(() ->
                new InstallerException(ErrorCode.USAGE, "no upgrade source: give --source oci:REF, or set upgrade.system.uri"
                        + " in the config file"));
        UpgradeCheck check = new UpgradeCheckService(parts).check(system.location(false), asked,
                new SourcePolicy(false, message -> { }, true, containers.settings(configs.global())));
        output.print(() -> Json.line(check), out -> out.print(text(check)));
        return 0;
    }

    static String text(UpgradeCheck check) {
        return (check.updateAvailable()
                ? "update available: " + check.reference() + "\n" + check.slot() + " has " + (check.installedDigest().isEmpty()
                        ? "no recorded digest" : check.installedDigest())
                : "up to date: " + check.slot() + " is " + check.digest() + " (" + check.source() + ")") + "\n";
    }
}
