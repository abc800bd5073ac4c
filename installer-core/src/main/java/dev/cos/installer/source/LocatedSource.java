package dev.cos.installer.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A source ready to scan.
 *
 * @param image the local directory or file to read
 * @param download the download it came from, for an http(s) source
 */
public record LocatedSource(ImageSource image, Optional<FetchedImage> download) {

    public LocatedSource {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(download, "download");
    }

    /** The scan's facts as state.yaml records them: a downloaded image under its URL, not the local copy. */
    public SourceFacts recorded(SourceFacts scanned) {
        return download.map(d -> scanned.withUri(d.source().uri())).orElse(scanned);
    }
}
