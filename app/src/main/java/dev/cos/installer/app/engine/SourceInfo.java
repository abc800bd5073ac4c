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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceInfo(String uri, String name, String version, long bytes, long treeBytes, String digest) {

    public SourceInfo {
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }
}
