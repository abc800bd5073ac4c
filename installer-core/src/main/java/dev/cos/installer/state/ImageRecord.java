package dev.cos.installer.state;

import java.util.Optional;

/**
 * One image as state.yaml records it (spec section 6).
 *
 * @param source where it came from, as a URI (dir:///..., file:///..., oci://...)
 * @param digest "sha256:<hex>" of the source
 * @param sizeBytes size of the source
 * @param label filesystem label of the image, empty for a squashfs
 * @param fs ext2 or squashfs
 */
public record ImageRecord(String source, String digest, long sizeBytes, Optional<String> label, String fs) {
}
