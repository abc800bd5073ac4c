package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.NativeFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer damaged in the store (one byte changed, same size: a bad disk, a tampered blob) breaks its
 * decompression before its end, where the digest is checked: the refusal still names the digest the
 * layer should have and the one it has, as the issue asks of every blob that does not match.
 */
class DamagedLayerTest {

    @TempDir
    Path temp;

    @Test
    void aLayerThatBreaksItsDecompressionIsRefusedNamingBothDigests() {
        MemoryImageStore store = new MemoryImageStore();
        byte[] layer = new LayerBuilder().file("big", "some content that compresses ".repeat(4000)).gzip();
        store.image("1.0", Platform.LINUX_AMD64, layer);
        ResolvedImage image = ImageResolver.resolve(store, "1.0", Platform.LINUX_AMD64);
        Descriptor stored = image.manifest().layers().get(0);
        byte[] damaged = layer.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        store.alter(stored, damaged);

        InstallerException e = assertThrows(InstallerException.class, () ->
                new ImagePuller(new LayerApplier(NativeFiles.libc()), 3).pull(store, image, temp.resolve("tree"), (d, t) -> { }));

        assertTrue(e.getMessage().contains("should have the digest " + stored.digest()), e.getMessage());
        assertTrue(e.getMessage().contains("its content has the digest " + Digest.of(damaged)), e.getMessage());
    }
}
