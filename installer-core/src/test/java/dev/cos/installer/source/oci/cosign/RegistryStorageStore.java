package dev.cos.installer.source.oci.cosign;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.ManifestNotFoundException;
import dev.cos.installer.source.oci.MediaTypes;
import dev.cos.installer.testsupport.registry.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link ImageStore} over the files of a {@link TestRegistry}'s storage (tag links and blob data on
 * disk), so that what skopeo pushed can be read without the installer's registry client.
 */
final class RegistryStorageStore implements ImageStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRegistry registry;
    private final String repository;

    RegistryStorageStore(TestRegistry registry, String repository) {
        this.registry = registry;
        this.repository = repository;
    }

    @Override
    public ManifestBytes manifest(String tagOrDigest) {
        try {
            String digest = tagOrDigest;
            if (!tagOrDigest.startsWith("sha256:")) {
                Path link = registry.storage().resolve("docker/registry/v2/repositories").resolve(repository)
                        .resolve("_manifests/tags").resolve(tagOrDigest).resolve("current/link");
                if (!Files.exists(link)) {
                    throw new ManifestNotFoundException("no tag " + tagOrDigest + " in " + describe());
                }
                digest = Files.readString(link).strip();
            }
            byte[] bytes = Files.readAllBytes(registry.blobData(digest));
            String mediaType = JSON.readTree(bytes).path("mediaType").asText(MediaTypes.OCI_MANIFEST);
            return ManifestBytes.of(bytes, mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream openBlob(Descriptor blob, long offset) throws IOException {
        InputStream in = Files.newInputStream(registry.blobData(blob.digest().toString()));
        in.skipNBytes(offset);
        return in;
    }

    @Override
    public String describe() {
        return "registry " + registry.host() + "/" + repository;
    }

    Digest digestOf(String tag) {
        return Digest.parse(registry.tagDigest(repository, tag), tag);
    }
}
