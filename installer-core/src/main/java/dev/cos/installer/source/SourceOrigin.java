package dev.cos.installer.source;

/**
 * Where a located source came from when it is not the user's local path: an http(s) download, or a
 * container image pulled into a tree.
 */
public sealed interface SourceOrigin permits FetchedImage, PulledImage {
}
