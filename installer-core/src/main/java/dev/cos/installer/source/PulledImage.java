package dev.cos.installer.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A container image pulled into a private tree: the tree is then read as a directory source.
 *
 * @param image what was pinned (and, when asked, verified) before the pull
 * @param tree the root of the tree the layers were applied onto; removed by the locate's cleanup
 */
public record PulledImage(PinnedImage image, Path tree) implements SourceOrigin {

    public PulledImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tree, "tree");
    }
}
