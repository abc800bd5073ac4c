package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.process.NativeFiles;
import dev.cos.installer.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls a resolved image into a root tree: its layers are fetched in parallel (a bounded number at
 * a time) and applied in order as they arrive. The layer whose turn it is streams straight into the
 * tree; only the few layers fetched ahead of their turn are kept, compressed, in a private spool
 * directory beside the tree, each deleted once applied: nothing is stored twice beyond what the
 * order needs.
 */
public final class ImagePuller {

    private static final Logger LOG = LoggerFactory.getLogger(ImagePuller.class);

    /** Layers fetched at the same time (the one being applied included). */
    public static final int PARALLEL_DOWNLOADS = 3;
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** How often the working thread reports the spooled layers' progress while it waits for one. */
    private static final long REPORT_MILLIS = 250;

    private final LayerApplier applier;
    private final int parallelDownloads;

    public ImagePuller(LayerApplier applier, int parallelDownloads) {
        if (parallelDownloads < 1) {
            throw new IllegalArgumentException("parallelDownloads " + parallelDownloads);
        }
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
     * private work directory. The spool directory {@code <tree>.layers} (0700) is removed at the end,
     * also on failure; a failed pull leaves a partial tree for the caller's cleanup to remove.
     *
     * @param progress compressed layer bytes fetched, of {@link ResolvedImage#compressedBytes()};
     *     called from the calling thread only
     * @throws InstallerException SOURCE for a damaged or unsafe layer (named), DOWNLOAD when the store
     *     cannot deliver, INTERNAL when the tree cannot be written, CANCELLED when interrupted
     */
    public void pull(ImageStore store, ResolvedImage image, Path tree, ByteProgress progress) {
        List<Descriptor> layers = image.manifest().layers();
        String name = store.describe() + "@" + image.manifestDigest();
        createPrivateDirectory(tree);
        Path spool = tree.resolveSibling(tree.getFileName() + ".layers");
        createPrivateDirectory(spool);
        Fetched fetched = new Fetched(layers.size(), image.compressedBytes(), progress);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelDownloads - 1), task -> {
            Thread thread = new Thread(task, "oci-layer-fetch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("pulling {} ({} layers, {} bytes compressed) into {}", name, layers.size(), image.compressedBytes(), tree);
        try {
            Map<Integer, Future<Path>> ahead = new HashMap<>();
            Optional<LayerApplier.RootAttributes> root = Optional.empty();
            for (int i = 0; i < layers.size(); i++) {
                for (int j = i + 1; j < Math.min(layers.size(), i + parallelDownloads); j++) {
                    if (!ahead.containsKey(j)) {
                        int index = j;
                        ahead.put(j, pool.submit(() -> spool(store, layers.get(index), index, what(index, layers, name),
                                spool, fetched)));
                    }
                }
                Descriptor layer = layers.get(i);
                String what = what(i, layers, name);
                Future<Path> spooled = ahead.remove(i);
                Optional<LayerApplier.RootAttributes> given;
                if (spooled == null) {
                    int index = i;
                    try (InputStream in = BlobStreams.open(store, layer, what, (done, size) -> fetched.report(index, done))) {
                        given = applier.apply(in, layer.mediaType(), tree, what);
                    }
                } else {
                    Path file = await(spooled, fetched);
                    try (InputStream in = Files.newInputStream(file)) {
                        given = applier.apply(in, layer.mediaType(), tree, what);
                    }
                    Files.delete(file);
                }
                if (given.isPresent()) {
                    root = given;
                }
                LOG.info("applied {}", what);
            }
            applier.applyRoot(tree, root.orElse(LayerApplier.RootAttributes.DEFAULT));
            progress.update(image.compressedBytes(), image.compressedBytes());
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot pull " + name + " into " + tree + ": "
                    + FailureWords.describe(e) + ". Check that the work directory's filesystem has room", e.toString(), e);
        } finally {
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("layer downloads did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            removeSpool(spool);
        }
    }

    private static String what(int index, List<Descriptor> layers, String name) {
        return "layer " + (index + 1) + " of " + layers.size() + " of " + name;
    }

    /** Fetches a layer ahead of its turn into the spool (checked while it streams). */
    private static Path spool(ImageStore store, Descriptor layer, int index, String what, Path spool, Fetched fetched)
            throws IOException {
        Path file = spool.resolve(index + "-" + layer.digest().hex());
        try (InputStream in = BlobStreams.open(store, layer, what, (done, size) -> fetched.set(index, done))) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Waits for a spooled layer, reporting the downloads' progress meanwhile; rethrows its failure. */
    private static Path await(Future<Path> spooled, Fetched fetched) throws IOException {
        while (true) {
            try {
                return spooled.get(REPORT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                fetched.report();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(ErrorCode.CANCELLED, "interrupted while pulling an image");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InstallerException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Bytes fetched per layer; reported as one sum, on the working thread. */
    private static final class Fetched {
        private final AtomicLongArray bytes;
        private final long total;
        private final ByteProgress progress;

        Fetched(int layers, long total, ByteProgress progress) {
            this.bytes = new AtomicLongArray(layers);
            this.total = total;
            this.progress = progress;
        }

        void set(int layer, long done) {
            bytes.set(layer, done);
        }

        void report(int layer, long done) {
            set(layer, done);
            report();
        }

        void report() {
            long sum = 0;
            for (int i = 0; i < bytes.length(); i++) {
                sum += bytes.get(i);
            }
            progress.update(sum, total);
        }
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallerException(ErrorCode.INTERNAL, dir + " already exists: remove it (it is left from an"
                        + " interrupted run), or use a fresh work directory");
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.setPosixFilePermissions(dir, PRIVATE);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot create " + dir + ": " + FailureWords.describe(e)
                    + ". Check that the filesystem is writable and has room.", e.toString(), e);
        }
    }

    private static void removeSpool(Path spool) {
        try {
            Trees.deleteOrFail(spool);
        } catch (IOException e) {
            LOG.warn("cannot remove the layer spool {}: {}", spool, e.toString());
        }
    }
}
