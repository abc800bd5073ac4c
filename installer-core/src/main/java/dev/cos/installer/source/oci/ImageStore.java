package dev.cos.installer.source.oci;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an OCI image's manifests and blobs are read from: a registry, or an OCI image layout
 * (directory or archive). Side effects sit here; resolving, verifying and applying are done on
 * top of it ({@link BlobStreams}, the puller), the same for every store.
 */
public interface ImageStore {

    /**
     * The manifest or index a tag or digest names, with its media type.
     *
     * @param tagOrDigest a tag ("1.0") or a digest string ("sha256:...")
     * @throws ManifestNotFoundException when nothing has that name (say which name and where)
     * @throws dev.cos.installer.error.InstallerException SOURCE for a manifest that cannot be read,
     *     DOWNLOAD for transport failures, with what to do
     */
    ManifestBytes manifest(String tagOrDigest);

    /**
     * The digest a tag points at, without downloading more than the store needs to answer (a
     * registry answers a HEAD request). For the tray's update check.
     */
    default Digest resolve(String tag) {
        return manifest(tag).digest();
    }

    /**
     * The blob's raw bytes from {@code offset} on (a registry asks with {@code Range}). Not checked:
     * {@link BlobStreams} checks size and digest as they stream and re-opens at the offset reached
     * when a transfer breaks.
     */
    InputStream openBlob(Descriptor blob, long offset) throws IOException;

    /** Where this store reads from, for messages: "registry 127.0.0.1:5000", "OCI layout /srv/img". */
    String describe();
}
