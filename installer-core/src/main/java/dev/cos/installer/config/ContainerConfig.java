package dev.cos.installer.config;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.registry.RegistryLogin;
import dev.cos.installer.source.oci.Platform;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The top-level keys about container images (docs/config.md): Elemental's {@code platform},
 * {@code cosign} and {@code cosign-key}, and ours, {@code registries} ({@code ca-file},
 * {@code insecure}) and {@code registry-auth} (credentials by registry host[:port]; never logged, never
 * recorded: {@link RegistryLogin#toString()} hides the password).
 */
public record ContainerConfig(Optional<Platform> platform, Optional<Boolean> cosign, Optional<Path> cosignKey,
        Optional<Path> caFile, List<String> insecure, Map<String, RegistryLogin> logins) {

    public static final ContainerConfig EMPTY = new ContainerConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Map.of());

    public ContainerConfig {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(cosign, "cosign");
        Objects.requireNonNull(cosignKey, "cosignKey");
        Objects.requireNonNull(caFile, "caFile");
        insecure = List.copyOf(insecure);
        logins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logins));
    }

    /** Field by field; set fields (non-empty lists) of {@code overrides} win. */
    public ContainerConfig merge(ContainerConfig overrides) {
        return new ContainerConfig(Merge.later(platform, overrides.platform), Merge.later(cosign, overrides.cosign),
                Merge.later(cosignKey, overrides.cosignKey), Merge.later(caFile, overrides.caFile),
                Merge.later(insecure, overrides.insecure), overrides.logins.isEmpty() ? logins : overrides.logins);
    }

    /**
     * What a request uses: linux/amd64 unless told, the signature verified only with {@code cosign: true}.
     *
     * @throws InstallerException USAGE for {@code cosign: true} without a key
     */
    public ContainerSettings settings() {
        boolean verify = cosign.orElse(false);
        if (verify && cosignKey.isEmpty()) {
            throw new InstallerException(ErrorCode.USAGE, "cosign signature verification is on (cosign: true or --cosign)"
                    + " but no public key is given: set cosign-key: FILE in config.yaml or give --cosign-key FILE");
        }
        return new ContainerSettings(platform.orElse(Platform.LINUX_AMD64), verify ? cosignKey : Optional.empty(), caFile,
                new LinkedHashSet<>(insecure), logins);
    }
}
