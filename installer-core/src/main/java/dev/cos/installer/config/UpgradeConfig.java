package dev.cos.installer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code upgrade:} keys.
 *
 * @param systemUri {@code upgrade.system.uri}: the new system's source, resolved elsewhere
 * @param recovery {@code upgrade.recovery}: upgrade the recovery image instead of active
 * @param recoverySystemUri {@code upgrade.recovery-system.uri}: the recovery image's source
 */
public record UpgradeConfig(Optional<String> systemUri, Optional<Boolean> recovery, Optional<String> recoverySystemUri) {

    public static final UpgradeConfig EMPTY = new UpgradeConfig(Optional.empty(), Optional.empty(), Optional.empty());

    public UpgradeConfig {
        Objects.requireNonNull(systemUri, "systemUri");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(recoverySystemUri, "recoverySystemUri");
    }

    /** Field by field; set fields of {@code overrides} win. */
    public UpgradeConfig merge(UpgradeConfig overrides) {
        return new UpgradeConfig(Merge.later(systemUri, overrides.systemUri), Merge.later(recovery, overrides.recovery),
                Merge.later(recoverySystemUri, overrides.recoverySystemUri));
    }
}
