package dev.cos.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code inspect} says of a source: its {@code result} summary (docs/progress-protocol.md).
 *
 * @param uri the source as state.yaml records it (dir://, file://, or the http(s) URL without its fragment)
 * @param name the os-release display name, "" when the source has no readable os-release
 * @param version the os-release VERSION_ID, ""
 * @param bytes the source's size (a directory: its regular files)
 * @param treeBytes the unpacked tree's apparent size
 * @param digest "sha256:..." of the source, the digest an install of it records
 * @param unverified an http(s) image no published digest checked (written only when true); the GUI
 *     says so wherever it shows the image
 * @param image a container image source as pinned (reference, digest, tag, labels, signature); absent
 *     (not written) for other sources. For a container image, {@code uri} is the pinned reference,
 *     {@code digest} the manifest digest and {@code bytes} the compressed size.
 */
public record SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified,
        @JsonInclude(JsonInclude.Include.NON_NULL) ContainerImage image) {

    public SourceInfo {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }

    /** A source that is not a container image. */
    public SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest, boolean unverified) {
        this(uri, name, version, bytes, treeBytes, digest, unverified, null);
    }

    /** A source whose digest was checked, or that is local. */
    public SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest) {
        this(uri, name, version, bytes, treeBytes, digest, false);
    }

    /** The container image, when the source is one. */
    public java.util.Optional<ContainerImage> containerImage() {
        return java.util.Optional.ofNullable(image);
    }
}
