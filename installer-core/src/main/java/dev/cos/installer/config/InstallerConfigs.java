package dev.cos.installer.config;

import java.util.Objects;

/** The whole configuration: top-level keys and the sections of each verb. */
public record InstallerConfigs(GlobalConfig global, InstallConfig install, UpgradeConfig upgrade, ResetConfig reset) {

    public static final InstallerConfigs EMPTY =
            new InstallerConfigs(GlobalConfig.EMPTY, InstallConfig.EMPTY, UpgradeConfig.EMPTY, ResetConfig.EMPTY);

    public InstallerConfigs {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(install, "install");
        Objects.requireNonNull(upgrade, "upgrade");
        Objects.requireNonNull(reset, "reset");
    }

    /** Section by section, field by field; set fields of {@code overrides} win. */
    public InstallerConfigs merge(InstallerConfigs overrides) {
        return new InstallerConfigs(global.merge(overrides.global), install.merge(overrides.install),
                upgrade.merge(overrides.upgrade), reset.merge(overrides.reset));
    }

    /** This configuration with command-line flags for {@code install} applied on top. */
    public InstallerConfigs withInstall(InstallConfig overrides) {
        return new InstallerConfigs(global, install.merge(overrides), upgrade, reset);
    }
}
