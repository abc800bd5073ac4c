package dev.cos.installer.source;

import java.nio.file.Path;
import java.util.Objects;

/** Checks shared by the source records. */
final class SourcePaths {

    private SourcePaths() {
    }

    /** The path, normalized; absolute because it becomes a URI in state.yaml. */
    static Path requireAbsolute(Path path) {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("a source path must be absolute: " + path);
        }
        return path.normalize();
    }
}
