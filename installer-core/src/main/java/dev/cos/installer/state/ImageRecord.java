package dev.cos.installer.state;

import java.util.Objects;
import java.util.Optional;

/**
 * One image as state.yaml records it (spec section 6).
 *
 * @param source where it came from, as a URI (dir:///..., file:///..., https://..., oci:reg/repo@sha256:...)
 * @param digest "sha256:<hex>" of the source (a container image: its manifest digest)
 * @param sizeBytes size of the source (a container image: its compressed layers)
 * @param label filesystem label of the image, empty for a squashfs
 * @param fs ext2 or squashfs
 * @param tag a container image's tag, the name its digest was resolved from (source-metadata.tag)
 */
public record ImageRecord(String source, String digest, long sizeBytes, Optional<String> label, String fs,
        Optional<String> tag) {

    public ImageRecord {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tag, "tag");
    }

    /** An image whose source has no tag. */
    public ImageRecord(String source, String digest, long sizeBytes, Optional<String> label, String fs) {
        this(source, digest, sizeBytes, label, fs, Optional.empty());
    }

    /** The same source as an image with {@code label} and {@code fs} (a renamed or redeployed image). */
    public ImageRecord as(Optional<String> newLabel, String newFs) {
        return new ImageRecord(source, digest, sizeBytes, newLabel, newFs, tag);
    }
}
