package dev.cos.installer.source.oci;

import java.util.Objects;
import java.util.Optional;

/**
 * An image resolved once, for one platform: what a job pins and then pulls, never asking for the
 * tag again.
 *
 * @param tag the tag it was found under, if it was named by a tag (recorded beside the digest)
 * @param digest the top-level digest to pin: the index's when the tag names an index, else the manifest's
 * @param manifestDigest the digest of the platform's image manifest (the same as {@code digest} without an index)
 * @param manifest that image manifest: config and layers
 * @param config its config: created, labels, platform
 */
public record ResolvedImage(Optional<String> tag, Digest digest, Digest manifestDigest, ImageManifest manifest,
        ImageConfig config) {

    public ResolvedImage {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(config, "config");
    }

    /** Bytes to download: the layers as stored (compressed). */
    public long compressedBytes() {
        return manifest.layerBytes();
    }
}
