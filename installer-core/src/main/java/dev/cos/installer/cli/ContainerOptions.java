package dev.cos.installer.cli;

import dev.cos.installer.config.ContainerConfig;
import dev.cos.installer.config.GlobalConfig;
import dev.cos.installer.source.ContainerSettings;
import dev.cos.installer.source.oci.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the verbs that take a source read a container image (oci:, docker:, oci-dir:, oci-archive:):
 * these flags over config.yaml's top-level keys and ELEMENTAL_* variables (docs/config.md).
 * Registry credentials have no flag: a command line is visible to every user of the machine.
 */
final class ContainerOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The entry of a multi-platform image to use (default: linux/amd64). Config: platform.")
    String platform;

    @Option(names = "--cosign", arity = "0..1", paramLabel = "true|false",
            description = "Verify the image's cosign signature with --cosign-key before anything is written; an"
                    + " unsigned or wrongly signed image is refused. Config: cosign: true.")
    Boolean cosign;

    @Option(names = "--cosign-key", paramLabel = "FILE",
            description = "The cosign public key (PEM, ECDSA P-256) the signature must verify with. Config: cosign-key.")
    Path cosignKey;

    @Option(names = "--registry-ca", paramLabel = "FILE",
            description = "A CA certificate (PEM) trusted for registries besides the system's. Config: registries.ca-file.")
    Path registryCa;

    @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
            description = "A registry reached over plain http (repeatable). Config: registries.insecure.")
    List<String> insecure = new ArrayList<>();

    /** The flags over {@code configured} (config files, then ELEMENTAL_* variables). */
    ContainerSettings settings(GlobalConfig configured) {
        ContainerConfig flags = new ContainerConfig(Optional.ofNullable(platform).map(Platform::parse),
                Optional.ofNullable(cosign), Optional.ofNullable(cosignKey), Optional.ofNullable(registryCa), insecure,
                java.util.Map.of());
        return configured.containers().merge(flags).settings();
    }
}
