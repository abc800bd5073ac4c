package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.ManifestNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** An {@link ImageStore} held in maps: manifests by tag and digest, blobs by digest (stored as given, so a test can alter one). */
final class InMemoryImageStore implements ImageStore {

    private final Map<String, ManifestBytes> manifests = new HashMap<>();
    private final Map<Digest, byte[]> blobs = new HashMap<>();

    void putManifest(String tag, ManifestBytes manifest) {
        manifests.put(tag, manifest);
        manifests.put(manifest.digest().toString(), manifest);
    }

    /** Stores {@code bytes} as the blob {@code digest} names, without checking that they match. */
    void putBlob(Digest digest, byte[] bytes) {
        blobs.put(digest, bytes.clone());
    }

    @Override
    public ManifestBytes manifest(String tagOrDigest) {
        ManifestBytes manifest = manifests.get(tagOrDigest);
        if (manifest == null) {
            throw new ManifestNotFoundException("no manifest " + tagOrDigest + " in " + describe());
        }
        return manifest;
    }

    @Override
    public InputStream openBlob(Descriptor blob, long offset) throws IOException {
        byte[] bytes = blobs.get(blob.digest());
        if (bytes == null) {
            throw new IOException("no blob " + blob.digest());
        }
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, (int) Math.min(offset, bytes.length), bytes.length));
    }

    @Override
    public String describe() {
        return "test store";
    }
}
