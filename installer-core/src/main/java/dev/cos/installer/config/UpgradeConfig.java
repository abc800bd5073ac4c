package dev.cos.installer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code upgrade:} keys.
 *
 * @param systemUri {@code upgrade.system.uri}: the new system's source, resolved elsewhere
 * @param recovery {@code upgrade.recovery}: upgrade the recovery image instead of active
 * @param recoverySystemUri {@code upgrade.recovery-system.uri}: the recovery image's source
 * @param allowUnverified {@code upgrade.allow-unverified}: use an http(s) image that has no published digest
 */
public record UpgradeConfig(Optional<String> systemUri, Optional<Boolean> recovery, Optional<String> recoverySystemUri,
        Optional<Boolean> allowUnverified) {

    public static final UpgradeConfig EMPTY = new UpgradeConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public UpgradeConfig {
        Objects.requireNonNull(systemUri, "systemUri");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(recoverySystemUri, "recoverySystemUri");
        Objects.requireNonNull(allowUnverified, "allowUnverified");
    }

    /** Field by field; set fields of {@code overrides} win. */
    public UpgradeConfig merge(UpgradeConfig overrides) {
        return new UpgradeConfig(Merge.later(systemUri, overrides.systemUri), Merge.later(recovery, overrides.recovery),
                Merge.later(recoverySystemUri, overrides.recoverySystemUri), Merge.later(allowUnverified, overrides.allowUnverified));
    }
}
