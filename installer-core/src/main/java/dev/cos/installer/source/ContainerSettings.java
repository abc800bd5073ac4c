package dev.cos.installer.source;

import dev.cos.installer.source.oci.Platform;
import dev.cos.installer.source.registry.RegistryLogin;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one request reads container images (config.yaml's top-level keys and the flags over them,
 * docs/config.md).
 *
 * @param platform the entry of an index (multi-platform image) to install
 * @param cosignKey the public key the image's cosign signature must verify with; empty: no verification
 * @param caFile a CA certificate (PEM) trusted for registries beside the system's
 * @param insecure registries ({@code host[:port]}) reached over plain http
 * @param logins config.yaml's credentials by registry (host[:port]), over those of the auth files; a login
 *     never shows its password
 */
public record ContainerSettings(Platform platform, Optional<Path> cosignKey, Optional<Path> caFile, Set<String> insecure,
        Map<String, RegistryLogin> logins) {

    /** linux/amd64, no verification, the system's trust store, https only, the auth files' credentials. */
    public static final ContainerSettings DEFAULTS = new ContainerSettings(Platform.LINUX_AMD64, Optional.empty(),
            Optional.empty(), Set.of(), Map.of());

    public ContainerSettings {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(cosignKey, "cosignKey");
        Objects.requireNonNull(caFile, "caFile");
        insecure = Set.copyOf(insecure);
        logins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(logins));
    }

    /** Whether the image's signature must be verified before it is used. */
    public boolean verifies() {
        return cosignKey.isPresent();
    }

}
