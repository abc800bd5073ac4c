package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import java.util.Objects;
import java.util.Optional;

/** The top-level keys: what to do after the verb, how to build squashfs images, how to read container images. */
public record GlobalConfig(
        Optional<Boolean> reboot,
        Optional<Boolean> poweroff,
        Optional<Boolean> ejectCd,
        Optional<Boolean> strict,
        Optional<SquashCompression> squashCompression,
        ContainerConfig containers) {

    public static final GlobalConfig EMPTY = new GlobalConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), ContainerConfig.EMPTY);

    public GlobalConfig {
        Objects.requireNonNull(reboot, "reboot");
        Objects.requireNonNull(poweroff, "poweroff");
        Objects.requireNonNull(ejectCd, "ejectCd");
        Objects.requireNonNull(strict, "strict");
        Objects.requireNonNull(squashCompression, "squashCompression");
        Objects.requireNonNull(containers, "containers");
    }

    /** The keys before container images: none of those set. */
    public GlobalConfig(Optional<Boolean> reboot, Optional<Boolean> poweroff, Optional<Boolean> ejectCd,
                        Optional<Boolean> strict, Optional<SquashCompression> squashCompression) {
        this(reboot, poweroff, ejectCd, strict, squashCompression, ContainerConfig.EMPTY);
    }

    /** Field by field; set fields of {@code overrides} win. */
    public GlobalConfig merge(GlobalConfig overrides) {
        return new GlobalConfig(Merge.later(reboot, overrides.reboot), Merge.later(poweroff, overrides.poweroff),
                Merge.later(ejectCd, overrides.ejectCd), Merge.later(strict, overrides.strict),
                Merge.later(squashCompression, overrides.squashCompression), containers.merge(overrides.containers));
    }
}
