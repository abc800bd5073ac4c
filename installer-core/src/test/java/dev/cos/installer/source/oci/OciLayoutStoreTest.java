package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutStoreTest {

    @TempDir
    Path temp;
    final MemoryImageStore images = new MemoryImageStore();
    Path layout;
    Descriptor one;
    Descriptor two;
    byte[] layerOfTwo;

    @BeforeEach
    void layout() throws IOException {
        layout = temp.resolve("layout");
        one = images.image(null, Platform.LINUX_AMD64, new LayerBuilder().file("v", "1").gzip());
        layerOfTwo = new LayerBuilder().file("v", "2").gzip();
        two = images.image(null, Platform.LINUX_AMD64, layerOfTwo);
        Map<String, Descriptor> tags = new LinkedHashMap<>();
        tags.put("1.0", one);
        tags.put("2.0", two);
        images.writeLayout(layout, tags);
    }

    @Test
    void aDirectoryServesItsTaggedImagesAndBlobsFromAnOffset() throws IOException {
        OciLayoutStore store = OciLayoutStore.directory(layout);
        assertEquals(List.of("1.0", "2.0"), store.tags());
        ResolvedImage image = ImageResolver.resolve(store, "2.0", Platform.LINUX_AMD64);
        assertEquals(two.digest(), image.digest());
        assertEquals(Optional.of("2.0"), image.tag());
        try (InputStream in = store.openBlob(image.manifest().layers().get(0), 10)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(layerOfTwo, 10, layerOfTwo.length), in.readAllBytes());
        }
    }

    @Test
    void anArchiveIsReadInPlace() throws IOException {
        Path tar = temp.resolve("image.tar");
        tarOf(layout, tar);
        OciLayoutStore store = OciLayoutReference.parse("oci-archive:" + tar + ":1.0").open();
        assertEquals("the OCI archive " + tar, store.describe());
        ResolvedImage image = ImageResolver.resolve(store, "1.0", Platform.LINUX_AMD64);
        assertEquals(one.digest(), image.digest());
        Descriptor layer = ImageResolver.resolve(store, "2.0", Platform.LINUX_AMD64).manifest().layers().get(0);
        try (InputStream in = BlobStreams.open(store, layer, "layer", dev.cos.installer.job.ByteProgress.NONE)) {
            assertArrayEquals(layerOfTwo, in.readAllBytes());
        }
    }

    @Test
    void tagsAndDefaults() throws IOException {
        OciLayoutStore store = OciLayoutStore.directory(layout);
        InstallerException missing = assertThrows(ManifestNotFoundException.class, () -> store.manifest("3.0"));
        assertTrue(missing.getMessage().contains("has no image tagged '3.0' (its tags: 1.0, 2.0)"), missing.getMessage());
        InstallerException which = assertThrows(InstallerException.class, store::defaultTagOrDigest);
        assertTrue(which.getMessage().contains("holds 2 images: name one with :TAG"), which.getMessage());
        Path single = temp.resolve("single");
        images.writeLayout(single, Map.of("only", one));
        assertEquals(one.digest().toString(), OciLayoutStore.directory(single).defaultTagOrDigest());
    }

    @Test
    void notALayoutSaysWhatToGive() throws IOException {
        InstallerException none = assertThrows(InstallerException.class,
                () -> OciLayoutStore.directory(Files.createDirectory(temp.resolve("empty"))));
        assertTrue(none.getMessage().contains("is not an OCI image layout: it has no oci-layout"), none.getMessage());
    }

    @Test
    void anAlteredManifestIsRefused() throws IOException {
        Files.writeString(layout.resolve("blobs/sha256/" + two.digest().hex()), "{\"schemaVersion\":2,\"layers\":[]}");
        InstallerException altered = assertThrows(InstallerException.class,
                () -> OciLayoutStore.directory(layout).manifest("2.0"));
        assertTrue(altered.getMessage().contains("should have the digest " + two.digest()), altered.getMessage());
    }

    @Test
    void referencesParse() {
        OciLayoutReference dir = OciLayoutReference.parse("oci-dir:/srv/images/cos:1.2");
        assertEquals(OciLayoutReference.Kind.DIRECTORY, dir.kind());
        assertEquals(Path.of("/srv/images/cos"), dir.path());
        assertEquals(Optional.of("1.2"), dir.tag());
        OciLayoutReference archive = OciLayoutReference.parse("oci-archive:/srv/cos.tar");
        assertEquals(Optional.empty(), archive.tag());
        assertEquals("oci-archive:/srv/cos.tar", archive.toString());
        assertTrue(OciLayoutReference.isLayoutReference("OCI-DIR:/x"));
    }

    static void tarOf(Path dir, Path tar) throws IOException {
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream archive = new TarArchiveOutputStream(out);
                Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted().toList()) {
                if (path.equals(dir)) {
                    continue;
                }
                archive.putArchiveEntry(new TarArchiveEntry(path.toFile(), "./" + dir.relativize(path)));
                if (Files.isRegularFile(path)) {
                    Files.copy(path, archive);
                }
                archive.closeArchiveEntry();
            }
        }
    }
}
