package dev.cos.installer.cli;

import dev.cos.installer.config.ConfigLoader;
import dev.cos.installer.config.InstallerConfigs;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config} of upgrade and reset: config.yaml files, then ELEMENTAL_* variables; the verb's flags go on top. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE|DIR",
            description = "Elemental-style config.yaml (its section for this verb), or a directory with config.yaml and"
                    + " config.d/ (default: /etc/elemental). Flags win.")
    Path config;

    /** @param access what the user who asked may open: the config files they name */
    InstallerConfigs load(dev.cos.installer.access.CallerAccess access) {
        return new ConfigLoader(access).load(Optional.ofNullable(config), System.getenv());
    }
}
