package dev.cos.installer.config;

import java.util.List;
import java.util.Optional;

/** Field-by-field merging of layers: a present (or non-empty) later value wins. */
final class Merge {

    private Merge() {}

    static <T> Optional<T> later(Optional<T> earlier, Optional<T> later) {
        return later.isPresent() ? later : earlier;
    }

    /** Lists are replaced as a whole, never concatenated: a later file states the full list. */
    static <T> List<T> later(List<T> earlier, List<T> later) {
        return later.isEmpty() ? earlier : later;
    }
}
