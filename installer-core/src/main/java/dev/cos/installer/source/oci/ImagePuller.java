package dev.cos.installer.source.oci;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.process.NativeFiles;
import java.nio.file.Path;

/**
 * Pulls a resolved image into a root tree: its layers are fetched in parallel (a bounded number at
 * a time) and applied in order as they arrive.
 */
public final class ImagePuller {

    /** Layers fetched at the same time. */
    public static final int PARALLEL_DOWNLOADS = 3;

    private final LayerApplier applier;
    private final int parallelDownloads;

    public ImagePuller(LayerApplier applier, int parallelDownloads) {
        this.applier = applier;
        this.parallelDownloads = parallelDownloads;
    }

    /** The puller the engine uses: the real file calls, {@link #PARALLEL_DOWNLOADS} layers at a time. */
    public static ImagePuller standard() {
        return new ImagePuller(new LayerApplier(NativeFiles.libc()), PARALLEL_DOWNLOADS);
    }

    /**
     * Pulls {@code image} from {@code store} into {@code tree}, which must not exist: it is created
     * private (0700, this process's user) and keeps that mode until every layer is in; then its root
     * takes the image's own root metadata (0755 root:root when no layer names it), so keep it inside a
     * private work directory.
     *
     * @param progress compressed layer bytes fetched, of {@link ResolvedImage#compressedBytes()}
     * @throws dev.cos.installer.error.InstallerException SOURCE for a damaged or unsafe layer (named),
     *     DOWNLOAD when the store cannot deliver, INTERNAL when the tree cannot be written
     */
    public void pull(ImageStore store, ResolvedImage image, Path tree, ByteProgress progress) {
        throw new UnsupportedOperationException("not yet");
    }
}
