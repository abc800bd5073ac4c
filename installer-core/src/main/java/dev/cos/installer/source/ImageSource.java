package dev.cos.installer.source;

import java.nio.file.Path;

/**
 * Where a system image comes from. Closed: a directory tree, a tar archive, a squashfs or an ext
 * image. {@link SourceDetector} decides which from the bytes, not from the name.
 */
public sealed interface ImageSource permits DirectorySource, TarArchiveSource, SquashfsSource, ExtImageSource {

    /** The absolute path of the directory or file. */
    Path path();

    /** The source as state.yaml records it: {@code dir:///abs/path} or {@code file:///abs/path}. */
    default String uri() {
        return "file://" + path();
    }

    /** Lower-case words for messages: "directory", "xz-compressed tar archive", ... */
    String description();
}
