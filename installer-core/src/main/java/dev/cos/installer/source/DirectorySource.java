package dev.cos.installer.source;

import java.nio.file.Path;

/** A root filesystem tree in a directory; used in place, never copied. */
public record DirectorySource(Path path) implements ImageSource {

    public DirectorySource {
        path = SourcePaths.requireAbsolute(path);
    }

    @Override
    public String uri() {
        return "dir://" + path;
    }

    @Override
    public String description() {
        return "directory";
    }
}
