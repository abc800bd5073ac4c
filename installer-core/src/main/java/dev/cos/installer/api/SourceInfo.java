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
 */
public record SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean unverified) {

    public SourceInfo {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }

    /** A source whose digest was checked, or that is local. */
    public SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest) {
        this(uri, name, version, bytes, treeBytes, digest, false);
    }
}
