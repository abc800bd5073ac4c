package dev.cos.installer.source;

import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.Platform;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container image resolved once: what a person confirms and what the job then pulls, by digest,
 * never by tag again.
 *
 * @param source the image as named, pinned to {@code digest}
 * @param digest the manifest (or index) digest the name resolved to: what is recorded and compared
 * @param manifestDigest the platform's manifest digest (the same as {@code digest} unless that is an index)
 * @param platform the platform the manifest is for
 * @param compressedBytes the layers as stored (what a pull transfers at most)
 * @param created the config's creation time as written (RFC 3339), if any
 * @param labels the config's labels (org.opencontainers.image.* and others), sorted
 * @param signedBy the fingerprint of the cosign key whose signature was verified ("sha256:<16 hex>"),
 *     empty when verification was not asked for
 */
public record PinnedImage(ContainerSource source, Digest digest, Digest manifestDigest, Platform platform,
        long compressedBytes, Optional<String> created, Map<String, String> labels, Optional<String> signedBy) {

    public PinnedImage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(created, "created");
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(signedBy, "signedBy");
        if (!source.digest().equals(Optional.of(digest))) {
            throw new IllegalArgumentException(source.reference() + " is not pinned to " + digest);
        }
    }

    /** The tag the digest was found under, if one was named. */
    public Optional<String> tag() {
        return source.tag();
    }

    /** {@code oci:reg/repo@sha256:...}: how state.yaml and history record it. */
    public String uri() {
        return source.uri();
    }
}
