package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.NativeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePullerTest {

    @TempDir
    Path temp;
    final MemoryImageStore store = new MemoryImageStore();

    /** Five layers, each rewriting "v" and removing the previous layer's own file: order shows in the result. */
    private ResolvedImage fiveLayers() {
        byte[][] layers = new byte[5][];
        for (int i = 0; i < 5; i++) {
            LayerBuilder layer = new LayerBuilder().file("v", "layer " + i).file("only-" + i, "x".repeat(1000 * (i + 1)));
            if (i > 0) {
                layer.whiteout("", "only-" + (i - 1));
            }
            layers[i] = layer.gzip();
        }
        store.image("1.0", Platform.LINUX_AMD64, layers);
        return ImageResolver.resolve(store, "1.0", Platform.LINUX_AMD64);
    }

    @Test
    void layersFetchedInParallelAreAppliedInOrder() throws IOException {
        ResolvedImage image = fiveLayers();
        Path tree = temp.resolve("work/tree");
        List<long[]> reports = new ArrayList<>();
        Thread caller = Thread.currentThread();
        new ImagePuller(new LayerApplier(NativeFiles.libc()), 3).pull(store, image, tree, (done, total) -> {
            assertEquals(caller, Thread.currentThread(), "progress is reported on the caller's thread");
            reports.add(new long[] {done, total});
        });
        assertEquals("layer 4", Files.readString(tree.resolve("v")));
        try (var names = Files.list(tree)) {
            assertEquals(List.of("only-4", "v"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
        long[] last = reports.get(reports.size() - 1);
        assertEquals(image.compressedBytes(), last[0]);
        assertEquals(image.compressedBytes(), last[1]);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(tree)),
                "the root takes the image's mode (0755 by default) once every layer is in");
        assertFalse(Files.exists(temp.resolve("work/tree.layers")), "the spool is removed");
        assertEquals(5, store.blobReads.stream().filter(r -> r.endsWith("@0")).count() - 1, "each layer read once (and the config)");
    }

    @Test
    void layersAreFetchedAtTheSameTimeButNoMoreThanTheBound() throws IOException {
        ResolvedImage image = fiveLayers();
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        ImageStore slow = new ImageStore() {
            @Override
            public ManifestBytes manifest(String tagOrDigest) {
                return store.manifest(tagOrDigest);
            }

            @Override
            public java.io.InputStream openBlob(Descriptor blob, long offset) {
                most.accumulateAndGet(open.incrementAndGet(), Math::max);
                return new java.io.FilterInputStream(store.openBlob(blob, offset)) {
                    private boolean closed;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            throw new java.io.InterruptedIOException();
                        }
                        return super.read(b, off, Math.min(len, 200));
                    }

                    @Override
                    public void close() throws IOException {
                        if (!closed) {
                            closed = true;
                            open.decrementAndGet();
                        }
                        super.close();
                    }
                };
            }

            @Override
            public String describe() {
                return "a slow store";
            }
        };
        Path tree = temp.resolve("tree");
        new ImagePuller(new LayerApplier(NativeFiles.libc()), 3).pull(slow, image, tree, (d, t) -> { });
        assertEquals("layer 4", Files.readString(tree.resolve("v")));
        assertEquals(3, most.get(), "the layer being applied and two fetched ahead, never more");
        assertEquals(0, open.get(), "every blob stream is closed");
    }

    @Test
    void anAlteredLayerIsRefusedNamingItsDigestAndTheSpoolGoes() throws IOException {
        ResolvedImage image = fiveLayers();
        Descriptor third = image.manifest().layers().get(2);
        byte[] other = new LayerBuilder().file("v", "evil").gzip();
        store.alter(third, java.util.Arrays.copyOf(other, (int) third.size()));
        Path tree = temp.resolve("tree");
        InstallerException altered = assertThrows(InstallerException.class, () ->
                new ImagePuller(new LayerApplier(NativeFiles.libc()), 3).pull(store, image, tree, (d, t) -> { }));
        assertTrue(altered.getMessage().contains("layer 3 of 5"), altered.getMessage());
        assertTrue(altered.getMessage().contains(third.digest().toString()), altered.getMessage());
        assertFalse(Files.exists(temp.resolve("tree.layers")));
    }

    @Test
    void anExistingTreeIsNotReused() throws IOException {
        ResolvedImage image = fiveLayers();
        Path tree = Files.createDirectory(temp.resolve("tree"));
        InstallerException exists = assertThrows(InstallerException.class, () ->
                ImagePuller.standard().pull(store, image, tree, (d, t) -> { }));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    }
}
