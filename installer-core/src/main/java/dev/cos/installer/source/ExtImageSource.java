package dev.cos.installer.source;

import java.nio.file.Path;

/** An ext2/3/4 filesystem image of a root filesystem (such as an existing active.img). */
public record ExtImageSource(Path path) implements ImageSource {

    public ExtImageSource {
        path = SourcePaths.requireAbsolute(path);
    }

    @Override
    public String description() {
        return "ext filesystem image";
    }
}
