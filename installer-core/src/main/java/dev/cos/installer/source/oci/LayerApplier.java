package dev.cos.installer.source.oci;

import dev.cos.installer.process.NativeFiles;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Applies one image layer (a tar, plain, gzip or zstd by its media type) onto a root tree, as
 * container runtimes do: OCI whiteouts remove what lower layers put there, entries keep every kind
 * of metadata, and nothing is written outside the tree or through a symlink.
 */
public final class LayerApplier {

    private final NativeFiles files;

    public LayerApplier(NativeFiles files) {
        this.files = files;
    }

    /**
     * @param blob the layer as stored (compressed), already checked by {@link BlobStreams}
     * @param mediaType the layer's media type: says how it is compressed
     * @param tree the root tree the lower layers were applied to
     * @param what the layer for messages ("layer 2 of 3 of ...")
     * @throws dev.cos.installer.error.InstallerException SOURCE for an unsafe or damaged layer,
     *     INTERNAL when the tree cannot be written
     */
    public void apply(InputStream blob, String mediaType, Path tree, String what) {
        throw new UnsupportedOperationException("not yet");
    }
}
