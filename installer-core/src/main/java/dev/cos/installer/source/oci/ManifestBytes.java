package dev.cos.installer.source.oci;

import java.util.Objects;

/**
 * A manifest or index exactly as fetched: its bytes (a signature and a digest are over these bytes,
 * never over a re-serialisation), its media type and the digest computed from the bytes.
 */
public record ManifestBytes(byte[] bytes, String mediaType, Digest digest) {

    public ManifestBytes {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    /** Wraps fetched bytes, computing their digest. */
    public static ManifestBytes of(byte[] bytes, String mediaType) {
        return new ManifestBytes(bytes.clone(), mediaType, Digest.of(bytes));
    }
}
