package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A local OCI image layout as the sources name it (skopeo's spelling): {@code oci-dir:PATH[:TAG]}
 * for a directory, {@code oci-archive:FILE.tar[:TAG]} for a tar of one. Without a tag the layout's
 * only image is meant.
 */
public record OciLayoutReference(Kind kind, Path path, Optional<String> tag) {

    public enum Kind {
        DIRECTORY("oci-dir:"),
        ARCHIVE("oci-archive:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public OciLayoutReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, "tag");
    }

    /** Whether {@code spec} names a local layout ({@code oci-dir:} or {@code oci-archive:}). */
    public static boolean isLayoutReference(String spec) {
        String lower = spec.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith(Kind.DIRECTORY.prefix) || lower.startsWith(Kind.ARCHIVE.prefix);
    }

    /**
     * Parses {@code oci-dir:PATH[:TAG]} or {@code oci-archive:FILE[:TAG]}; a relative PATH is made
     * absolute against the working directory.
     *
     * @throws InstallerException SOURCE when it is neither, or names no path
     */
    public static OciLayoutReference parse(String spec) {
        String trimmed = spec.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        Kind kind = lower.startsWith(Kind.DIRECTORY.prefix) ? Kind.DIRECTORY
                : lower.startsWith(Kind.ARCHIVE.prefix) ? Kind.ARCHIVE : null;
        if (kind == null) {
            throw new InstallerException(ErrorCode.SOURCE, "the source " + trimmed
                    + " does not start with oci-dir: or oci-archive:");
        }
        String rest = trimmed.substring(kind.prefix.length());
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && TAG.matcher(rest.substring(colon + 1)).matches()) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            throw new InstallerException(ErrorCode.SOURCE, "the source " + trimmed + " names no path: write it as "
                    + kind.prefix + "/path/to/layout[:tag]");
        }
        return new OciLayoutReference(kind, Path.of(rest).toAbsolutePath().normalize(), tag);
    }

    /** Opens the layout. */
    public OciLayoutStore open() {
        return kind == Kind.DIRECTORY ? OciLayoutStore.directory(path) : OciLayoutStore.archive(path);
    }

    @Override
    public String toString() {
        return kind.prefix + path + tag.map(t -> ":" + t).orElse("");
    }
}
