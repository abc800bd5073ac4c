package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageReference;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image named as a source: in a registry ({@code oci:REF}, {@code docker:REF}) or in a
 * local OCI image layout ({@code oci-dir:PATH[:TAG]}, a directory, or {@code oci-archive:FILE[:TAG]},
 * a tar of one). Any of them may carry {@code @sha256:<digest>}: the image is then pinned, and the tag
 * beside it is only recorded as the name it came from.
 */
public sealed interface ContainerSource {

    /** Whether {@code spec} names a container image (by its prefix, case-insensitive). */
    static boolean isContainer(String spec) {
        return ImageReference.isRegistryReference(spec) || Layout.kindOf(spec).isPresent();
    }

    /**
     * Parses a container source.
     *
     * @throws InstallerException SOURCE naming what is wrong and the form expected
     */
    static ContainerSource parse(String spec) {
        Optional<LayoutKind> kind = Layout.kindOf(spec);
        return kind.isPresent() ? Layout.parse(spec.strip(), kind.get()) : new Registry(ImageReference.parse(spec));
    }

    /** The tag named, if any: recorded beside the digest as where it came from. */
    Optional<String> tag();

    /** The manifest digest named, if any. */
    Optional<Digest> digest();

    /** What to resolve in the store: the digest when named, else the tag; empty for a layout's only image. */
    Optional<String> tagOrDigest();

    /** The same image pinned to {@code manifestDigest}, the tag kept beside it. */
    ContainerSource pinned(Digest manifestDigest);

    /** As state.yaml, history and messages name it: with the digest and without the tag once pinned. */
    String uri();

    /**
     * The form to hand back to the engine so that it uses exactly this image: the tag and the digest
     * ({@code oci:reg/repo:1.0@sha256:...}), so the next run both pins and records the tag.
     */
    String reference();

    /** Where the store is, for messages: "registry 127.0.0.1:5000", "OCI layout /srv/image". */
    String where();

    /** An image in a registry. */
    record Registry(ImageReference image) implements ContainerSource {

        public Registry {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Optional<String> tag() {
            return image.tag();
        }

        @Override
        public Optional<Digest> digest() {
            return image.digest();
        }

        @Override
        public Optional<String> tagOrDigest() {
            return Optional.of(image.tagOrDigest());
        }

        @Override
        public Registry pinned(Digest manifestDigest) {
            return new Registry(image.pinned(manifestDigest));
        }

        @Override
        public String uri() {
            return image.uri();
        }

        @Override
        public String reference() {
            return "oci:" + image.name() + image.tag().map(t -> ":" + t).orElse("")
                    + image.digest().map(d -> "@" + d).orElse("");
        }

        @Override
        public String where() {
            return "registry " + image.registry();
        }
    }

    /** The two ways a local OCI image layout is given. */
    enum LayoutKind {
        /** A directory holding oci-layout, index.json and blobs/. */
        DIRECTORY("oci-dir:"),
        /** A tar archive of such a directory. */
        ARCHIVE("oci-archive:");

        private final String prefix;

        LayoutKind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /**
     * An image in a local OCI image layout.
     *
     * @param path the layout directory or archive, absolute
     * @param tag the name in the layout's index ({@code org.opencontainers.image.ref.name}); without tag and
     *     digest the layout's only image
     */
    record Layout(LayoutKind kind, Path path, Optional<String> tag, Optional<Digest> digest) implements ContainerSource {

        private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

        public Layout {
            Objects.requireNonNull(kind, "kind");
            path = SourcePaths.requireAbsolute(path);
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(digest, "digest");
        }

        static Optional<LayoutKind> kindOf(String spec) {
            String lower = spec.strip().toLowerCase(Locale.ROOT);
            for (LayoutKind kind : LayoutKind.values()) {
                if (lower.startsWith(kind.prefix())) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        // PATH[:TAG][@sha256:HEX]: a tag is what follows the last ':' after the last '/', as skopeo reads it.
        static Layout parse(String spec, LayoutKind kind) {
            String rest = spec.substring(kind.prefix().length());
            Optional<Digest> digest = Optional.empty();
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                digest = Optional.of(Digest.parse(rest.substring(at + 1), "the image " + spec));
                rest = rest.substring(0, at);
            }
            Optional<String> tag = Optional.empty();
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                String tagText = rest.substring(colon + 1);
                if (!TAG.matcher(tagText).matches()) {
                    throw error(spec, kind, "has the tag '" + tagText + "': a tag is up to 128 letters, digits, '_', '.' and '-'");
                }
                tag = Optional.of(tagText);
                rest = rest.substring(0, colon);
            }
            if (rest.isEmpty()) {
                throw error(spec, kind, "names no path");
            }
            try {
                return new Layout(kind, Path.of(rest).toAbsolutePath().normalize(), tag, digest);
            } catch (InvalidPathException e) {
                throw error(spec, kind, "is not a valid path: " + e.getReason());
            }
        }

        @Override
        public Optional<String> tagOrDigest() {
            return digest.map(Digest::toString).or(() -> tag);
        }

        @Override
        public Layout pinned(Digest manifestDigest) {
            return new Layout(kind, path, tag, Optional.of(manifestDigest));
        }

        @Override
        public String uri() {
            return kind.prefix() + path + digest.map(d -> "@" + d).orElseGet(() -> tag.map(t -> ":" + t).orElse(""));
        }

        @Override
        public String reference() {
            return kind.prefix() + path + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
        }

        @Override
        public String where() {
            return (kind == LayoutKind.DIRECTORY ? "OCI layout " : "OCI archive ") + path;
        }

        private static InstallerException error(String spec, LayoutKind kind, String problem) {
            return new InstallerException(ErrorCode.SOURCE, "the image " + spec + " " + problem + ": write it as "
                    + kind.prefix() + (kind == LayoutKind.DIRECTORY ? "/path/to/layout" : "/path/to/image.tar")
                    + "[:tag][@sha256:<digest>]");
        }
    }
}
