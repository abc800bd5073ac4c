package dev.cos.installer.source.oci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a blob or manifest: what it is, its digest and its exact size (both checked
 * while it streams).
 *
 * @param platform an index entry's platform, empty elsewhere
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform,
        Map<String, String> annotations) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(platform, "platform");
        annotations = Map.copyOf(annotations);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Optional.empty(), Map.of());
    }
}
