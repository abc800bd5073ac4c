package dev.cos.installer.cli;

import dev.cos.installer.config.ConfigLoader;
import dev.cos.installer.config.InstallerConfigs;
import dev.cos.installer.service.Wiring;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config} of upgrade and reset: config.yaml files, then ELEMENTAL_* variables; the verb's flags go on top. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE|DIR",
            description = "Elemental-style config.yaml (its section for this verb), or a directory with config.yaml and"
                    + " config.d/ (default: /etc/elemental). Flags win.")
    Path config;

    /** The files (opened with the access of the user who asked) and the wiring's ELEMENTAL_* variables. */
    InstallerConfigs load(Wiring wiring) {
        return new ConfigLoader(wiring.access()).load(Optional.ofNullable(config), wiring.environment());
    }
}
