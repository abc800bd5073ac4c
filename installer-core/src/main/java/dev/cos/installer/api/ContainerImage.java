package dev.cos.installer.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * A container image source as the engine pinned it: what {@code inspect} and {@code plan} show and the
 * summary page confirms (docs/sources.md). Give {@link #reference} back to the engine to install or
 * upgrade exactly this image: it names the digest, so the tag is not resolved again.
 *
 * @param reference the tag and the digest, {@code oci:reg/repo:1.0@sha256:...}
 * @param pinned as state.yaml and history record it, {@code oci:reg/repo@sha256:...}
 * @param tag the tag the digest was found under, "" when none was named
 * @param digest the manifest (or index) digest the tag pointed at
 * @param manifestDigest the chosen platform's manifest digest (the same unless {@code digest} is an index)
 * @param platform os/architecture[/variant] of the manifest
 * @param compressedBytes the layers as stored: what a pull transfers
 * @param created the image config's creation time (RFC 3339), "" when it has none
 * @param labels the config's labels (org.opencontainers.image.* and others), sorted by name
 * @param signature {@code verified} (its cosign signature verified with the configured key) or
 *     {@code not-checked} (verification is off)
 * @param signedBy the key's fingerprint when verified, {@code sha256:<16 hex>}, else ""
 */
public record ContainerImage(String reference, String pinned, String tag, String digest, String manifestDigest,
        String platform, long compressedBytes, String created, Map<String, String> labels, String signature,
        String signedBy) {

    public static final String VERIFIED = "verified";
    public static final String NOT_CHECKED = "not-checked";

    public ContainerImage {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        tag = tag == null ? "" : tag;
        created = created == null ? "" : created;
        signedBy = signedBy == null ? "" : signedBy;
    }
}
