package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves a tag or digest in a store to one platform's image: the index (if any), the platform's
 * manifest and its config, each checked against the digest that names it. Reads only these small
 * documents, never a layer.
 */
public final class ImageResolver {

    /** A config is a few KiB; one larger than this is not read into memory. */
    static final long MAX_CONFIG_BYTES = 16L << 20;

    private ImageResolver() {
    }

    /**
     * @param tagOrDigest a tag ("1.0") or a digest ("sha256:...")
     * @param platform the platform wanted from an index (and checked against a single image's config)
     * @throws InstallerException SOURCE when nothing has that name, the index has no image for the
     *     platform (the message names those it has), or a document is damaged; DOWNLOAD from the store
     */
    public static ResolvedImage resolve(ImageStore store, String tagOrDigest, Platform platform) {
        Optional<String> tag = tagOrDigest.startsWith("sha256:") ? Optional.empty() : Optional.of(tagOrDigest);
        String name = "'" + tagOrDigest + "' of " + store.describe();
        ManifestBytes top = store.manifest(tagOrDigest);
        if (tag.isEmpty()) {
            requireDigest(top, Digest.parse(tagOrDigest, name), "the image " + name);
        }
        ManifestBytes image = top;
        if (isIndex(top)) {
            ImageIndex index = ImageIndex.parse(top, "the image index of " + name);
            Descriptor entry = index.forPlatform(platform).orElseThrow(() -> new InstallerException(ErrorCode.SOURCE,
                    "the image " + name + " has no image for " + platform + "; it has images for "
                            + (index.platforms().isEmpty() ? "no named platform"
                                    : index.platforms().stream().map(Platform::toString).collect(Collectors.joining(", ")))
                            + ": choose one of them with --platform (or the config's platform)"));
            image = store.manifest(entry.digest().toString());
            requireDigest(image, entry.digest(), "the " + platform + " manifest of " + name);
        }
        String what = "the manifest of " + name;
        ImageManifest manifest = ImageManifest.parse(image, what);
        ImageConfig config = ImageConfig.parse(BlobStreams.readSmall(store, manifest.config(), "the config of " + name, MAX_CONFIG_BYTES, "an image config"),
                "the config of " + name);
        if (!isIndex(top) && !config.os().isEmpty() && !platform.accepts(config.platform())) {
            throw new InstallerException(ErrorCode.SOURCE, "the image " + name + " is for " + config.platform()
                    + ", not for " + platform + ": choose an image built for " + platform
                    + ", or give --platform " + config.platform() + " if that is what you want to install");
        }
        return new ResolvedImage(tag, top.digest(), image.digest(), manifest, config);
    }

    private static boolean isIndex(ManifestBytes bytes) {
        if (MediaTypes.isIndex(bytes.mediaType())) {
            return true;
        }
        // An OCI layout's index.json entry may carry no media type: the document says what it is.
        return !MediaTypes.isManifest(bytes.mediaType())
                && OciJson.read(bytes.bytes(), "a manifest").has("manifests");
    }

    private static void requireDigest(ManifestBytes got, Digest wanted, String what) {
        if (!got.digest().equals(wanted)) {
            throw new InstallerException(ErrorCode.SOURCE, what + " should have the digest " + wanted
                    + " but its content has the digest " + got.digest() + ": it was altered or damaged, so it is refused");
        }
    }
}
