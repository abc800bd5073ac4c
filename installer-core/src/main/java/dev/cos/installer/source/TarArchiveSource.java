package dev.cos.installer.source;

import java.nio.file.Path;
import java.util.Objects;

/** A tar archive of a root filesystem, plain or compressed. */
public record TarArchiveSource(Path path, Compression compression) implements ImageSource {

    public TarArchiveSource {
        path = SourcePaths.requireAbsolute(path);
        Objects.requireNonNull(compression, "compression");
    }

    @Override
    public String description() {
        return compression == Compression.NONE ? "tar archive" : compression.displayName() + "-compressed tar archive";
    }
}
