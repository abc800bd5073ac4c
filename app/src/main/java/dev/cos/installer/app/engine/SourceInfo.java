package dev.cos.installer.app.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The engine's {@code inspect --json} answer about an image: what it is, how big, and its digest.
 *
 * @param uri the source as the engine names it (dir://, file://)
 * @param name the os-release display name, or empty when the image has none the engine can read
 * @param version the os-release VERSION_ID, or empty
 * @param bytes the source's size (a directory: its regular files)
 * @param treeBytes the unpacked tree's size
 * @param digest "sha256:..." of the source
 * @param unverified an http(s) image no published digest checked: read only because unverified
 *     images were allowed; the GUI says so as a warning wherever it shows the image
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest,
        boolean unverified) {

    public SourceInfo {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }

    /** A source whose digest was checked, or that is local. */
    public SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest) {
        this(uri, name, version, bytes, treeBytes, digest, false);
    }
}
