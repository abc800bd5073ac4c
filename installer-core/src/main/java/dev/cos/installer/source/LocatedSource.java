package dev.cos.installer.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A source ready to scan.
 *
 * @param image the local directory or file to read
 * @param origin where it came from when not a local path: an http(s) download, or the tree a container
 *     image was pulled into
 */
public record LocatedSource(ImageSource image, Optional<SourceOrigin> origin) {

    public LocatedSource {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(origin, "origin");
    }

    /** A local source: read where it is. */
    public static LocatedSource local(ImageSource image) {
        return new LocatedSource(image, Optional.empty());
    }

    /**
     * The scan's facts as state.yaml records them: a downloaded image under its URL, a pulled one as
     * its pinned reference and digest with its tag; not the local copy.
     */
    public SourceFacts recorded(SourceFacts scanned) {
        if (origin.isEmpty()) {
            return scanned;
        }
        SourceOrigin from = origin.get();
        if (from instanceof FetchedImage download) {
            return scanned.withUri(download.source().uri());
        }
        return scanned.pulledFrom(((PulledImage) from).image());
    }

    /** The container image this source was pulled from, if it was. */
    public Optional<PinnedImage> pinned() {
        return origin.filter(PulledImage.class::isInstance).map(o -> ((PulledImage) o).image());
    }
}
