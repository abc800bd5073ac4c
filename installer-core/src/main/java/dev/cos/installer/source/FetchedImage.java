package dev.cos.installer.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A downloaded image.
 *
 * @param file the local copy; the caller removes it when done
 * @param source where it came from
 * @param sha256 lower-case hex digest of the bytes received
 * @param bytes bytes received
 * @param digestCheckedAgainst where the expected digest came from ("#sha256= in the URL" or the
 *     sidecar's URL), empty when none was published (allowed only with --allow-unverified)
 */
public record FetchedImage(Path file, RemoteSource source, String sha256, long bytes, Optional<String> digestCheckedAgainst)
        implements SourceOrigin {

    public FetchedImage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(digestCheckedAgainst, "digestCheckedAgainst");
    }

    /** No digest was checked: the image was used because unverified images were allowed. */
    public boolean unverified() {
        return digestCheckedAgainst.isEmpty();
    }
}
