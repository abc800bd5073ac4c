package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import java.util.Objects;
import java.util.Optional;

/** The top-level keys: what to do after the verb, and how to build squashfs images. */
public record GlobalConfig(
        Optional<Boolean> reboot,
        Optional<Boolean> poweroff,
        Optional<Boolean> ejectCd,
        Optional<Boolean> strict,
        Optional<SquashCompression> squashCompression) {

    public static final GlobalConfig EMPTY =
            new GlobalConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public GlobalConfig {
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(poweroff, "poweroff");
        Objects.requireNonNull(ejectCd, "ejectCd");
        Objects.requireNonNull(strict, "strict");
        Objects.requireNonNull(squashCompression, "squashCompression");
    }

    /** Field by field; set fields of {@code overrides} win. */
    public GlobalConfig merge(GlobalConfig overrides) {
        return new GlobalConfig(Merge.later(reboot, overrides.reboot), Merge.later(poweroff, overrides.poweroff),
                Merge.later(ejectCd, overrides.ejectCd), Merge.later(strict, overrides.strict),
                Merge.later(squashCompression, overrides.squashCompression));
    }
}
