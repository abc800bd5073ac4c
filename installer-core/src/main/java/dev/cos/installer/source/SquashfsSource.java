package dev.cos.installer.source;

import java.nio.file.Path;

/** A squashfs image of a root filesystem. */
public record SquashfsSource(Path path) implements ImageSource {

    public SquashfsSource {
        path = SourcePaths.requireAbsolute(path);
    }

    @Override
    public String description() {
        return "squashfs image";
    }
}
