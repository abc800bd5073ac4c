package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image in a registry, as Elemental spells it: {@code oci:REF} or {@code docker:REF}
 * (also {@code oci://REF}, {@code docker://REF}), REF = {@code [host[:port]/]repo[:tag][@sha256:...]}.
 * Without a host part Docker Hub's conventions apply (as docker and skopeo read such names): the
 * registry is docker.io and a one-part name lives under {@code library/}. Neither tag nor digest
 * means the tag {@code latest}.
 *
 * @param registry host[:port] as written ("docker.io" for Docker Hub)
 * @param repository the repository path, lower case
 * @param tag the tag named, if any (kept beside a digest: it is recorded as where the digest came from)
 * @param digest the manifest digest named or pinned, if any
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /** Whether {@code spec} names a registry image ({@code oci:} or {@code docker:}, case-insensitive). */
    public static boolean isRegistryReference(String spec) {
        String lower = spec.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("oci:") || lower.startsWith("docker:");
    }

    /**
     * Parses {@code oci:REF} / {@code docker:REF}.
     *
     * @throws InstallerException SOURCE naming what is wrong and the form expected
     */
    public static ImageReference parse(String spec) {
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0 || !isRegistryReference(trimmed)) {
            throw error(trimmed, "does not start with oci: or docker:");
        }
        String ref = trimmed.substring(colon + 1);
        if (ref.startsWith("//")) {
            ref = ref.substring(2);
        }
        if (ref.isEmpty()) {
            throw error(trimmed, "names no image");
        }
        Optional<Digest> digest = Optional.empty();
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(ref.substring(at + 1), "the image " + trimmed));
            ref = ref.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.toLowerCase(Locale.ROOT);
                ref = ref.substring(slash + 1);
            }
        }
        Optional<String> tag = Optional.empty();
        int tagColon = ref.lastIndexOf(':');
        if (tagColon >= 0) {
            String tagText = ref.substring(tagColon + 1);
            if (!TAG.matcher(tagText).matches()) {
                throw error(trimmed, "has the tag '" + tagText + "': a tag is up to 128 letters, digits, '_', '.' and '-'");
            }
            tag = Optional.of(tagText);
            ref = ref.substring(0, tagColon);
        }
        if (!REPOSITORY.matcher(ref).matches()) {
            throw error(trimmed, "has the repository '" + ref + "': a repository is lower-case letters, digits and"
                    + " separators (. _ -) in parts joined by /");
        }
        if (registry.equals(DOCKER_HUB) && !ref.contains("/")) {
            ref = "library/" + ref;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageReference(registry, ref, tag, digest);
    }

    /** The same image pinned to {@code manifestDigest}; the tag stays as the name it was found under. */
    public ImageReference pinned(Digest manifestDigest) {
        return new ImageReference(registry, repository, tag, Optional.of(manifestDigest));
    }

    /** What a manifest request names: the digest when pinned, else the tag. */
    public String tagOrDigest() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    /** The host the registry API answers on: Docker Hub's API is not at docker.io. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** {@code registry/repository}: how messages and the credentials files name the image's home. */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * The reference as state.yaml, history and messages show it: {@code oci:reg/repo@sha256:...} when
     * pinned (the tag is recorded beside it, not in it), else {@code oci:reg/repo:tag}.
     */
    public String uri() {
        return "oci:" + name() + digest.map(d -> "@" + d).orElseGet(() -> ":" + tag.orElseThrow());
    }

    @Override
    public String toString() {
        return uri();
    }

    private static InstallerException error(String spec, String problem) {
        return new InstallerException(ErrorCode.SOURCE, "the image reference " + spec + " " + problem
                + ": write it as oci:host[:port]/repository[:tag][@sha256:<digest>], as in oci:registry.example.com/cos/system:1.0");
    }
}
