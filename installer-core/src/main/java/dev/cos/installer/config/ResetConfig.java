package dev.cos.installer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code reset:} keys.
 *
 * @param resetPersistent also reformat COS_PERSISTENT
 * @param resetOem also reformat COS_OEM
 * @param systemUri {@code reset.system.uri}: deploy from this source instead of the recovery image
 * @param allowUnverified {@code reset.allow-unverified}: use an http(s) image that has no published digest
 */
public record ResetConfig(Optional<Boolean> resetPersistent, Optional<Boolean> resetOem, Optional<String> systemUri,
        Optional<Boolean> allowUnverified) {

    public static final ResetConfig EMPTY = new ResetConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ResetConfig {
        Objects.requireNonNull(resetPersistent, "resetPersistent");
        Objects.requireNonNull(resetOem, "resetOem");
        Objects.requireNonNull(systemUri, "systemUri");
        Objects.requireNonNull(allowUnverified, "allowUnverified");
    }

    /** Field by field; set fields of {@code overrides} win. */
    public ResetConfig merge(ResetConfig overrides) {
        return new ResetConfig(Merge.later(resetPersistent, overrides.resetPersistent), Merge.later(resetOem, overrides.resetOem),
                Merge.later(systemUri, overrides.systemUri), Merge.later(allowUnverified, overrides.allowUnverified));
    }
}
