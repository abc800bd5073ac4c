package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.InstallerException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageResolverTest {

    static final Platform ARM64 = Platform.parse("linux/arm64/v8");
    final MemoryImageStore store = new MemoryImageStore();

    @Test
    void aTaggedManifestResolvesToItsDigestWithTagConfigAndSize() {
        byte[] layer = new LayerBuilder().file("a", "a").gzip();
        Descriptor manifest = store.image("1.0", Platform.LINUX_AMD64, layer);
        ResolvedImage image = ImageResolver.resolve(store, "1.0", Platform.LINUX_AMD64);
        assertEquals(Optional.of("1.0"), image.tag());
        assertEquals(manifest.digest(), image.digest());
        assertEquals(manifest.digest(), image.manifestDigest());
        assertEquals(layer.length, image.compressedBytes());
        assertEquals(Optional.of(Instant.parse("2026-12-01T10:00:00Z")), image.config().created());
        assertEquals(1, image.manifest().layers().size());
    }

    @Test
    void anIndexResolvesToThePlatformsManifestAndPinsTheIndex() {
        Descriptor amd = store.image(null, Platform.LINUX_AMD64, new LayerBuilder().file("amd", "1").gzip());
        Descriptor arm = store.image(null, ARM64, new LayerBuilder().file("arm", "1").gzip());
        Map<Descriptor, Platform> entries = new LinkedHashMap<>();
        entries.put(amd, Platform.LINUX_AMD64);
        entries.put(arm, ARM64);
        Descriptor index = store.manifest(MediaTypes.OCI_INDEX, MemoryImageStore.indexJson(MediaTypes.OCI_INDEX, entries));
        store.tag("multi", index);
        ResolvedImage image = ImageResolver.resolve(store, "multi", Platform.parse("linux/arm64"));
        assertEquals(index.digest(), image.digest());
        assertEquals(arm.digest(), image.manifestDigest());
        assertEquals("arm64", image.config().architecture());
        // pinned: the digest resolves to the same
        assertEquals(image.manifestDigest(), ImageResolver.resolve(store, index.digest().toString(), ARM64).manifestDigest());
        InstallerException none = assertThrows(InstallerException.class,
                () -> ImageResolver.resolve(store, "multi", Platform.parse("linux/s390x")));
        assertTrue(none.getMessage().contains("no image for linux/s390x; it has images for linux/amd64, linux/arm64/v8"),
                none.getMessage());
    }

    @Test
    void aDockerSchema2ManifestListIsReadToo() {
        Descriptor config = store.blob(MediaTypes.DOCKER_CONFIG, MemoryImageStore.config(Platform.LINUX_AMD64,
                "2026-01-02T03:04:05.123456789Z", Map.of("org.opencontainers.image.version", "1.1"))
                .getBytes(StandardCharsets.UTF_8));
        Descriptor layer = store.blob(MediaTypes.DOCKER_LAYER_GZIP, new LayerBuilder().file("d", "d").gzip());
        Descriptor manifest = store.manifest(MediaTypes.DOCKER_MANIFEST,
                MemoryImageStore.manifestJson(MediaTypes.DOCKER_MANIFEST, config, List.of(layer)));
        store.tag("docker", store.manifest(MediaTypes.DOCKER_MANIFEST_LIST,
                MemoryImageStore.indexJson(MediaTypes.DOCKER_MANIFEST_LIST, Map.of(manifest, Platform.LINUX_AMD64))));
        ResolvedImage image = ImageResolver.resolve(store, "docker", Platform.LINUX_AMD64);
        assertEquals(MediaTypes.DOCKER_MANIFEST, image.manifest().mediaType());
        assertEquals("1.1", image.config().labels().get("org.opencontainers.image.version"));
        assertEquals(MediaTypes.DOCKER_LAYER_GZIP, image.manifest().layers().get(0).mediaType());
    }

    @Test
    void aSingleImageForAnotherPlatformIsRefusedWithWhatToDo() {
        store.image("arm", ARM64, new LayerBuilder().file("a", "a").gzip());
        InstallerException wrong = assertThrows(InstallerException.class,
                () -> ImageResolver.resolve(store, "arm", Platform.LINUX_AMD64));
        assertTrue(wrong.getMessage().contains("is for linux/arm64/v8, not for linux/amd64"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--platform"), wrong.getMessage());
    }

    @Test
    void anAlteredConfigIsRefusedNamingBothDigests() {
        Descriptor manifest = store.image("1.0", Platform.LINUX_AMD64, new LayerBuilder().file("a", "a").gzip());
        ImageManifest parsed = ImageManifest.parse(store.manifest(manifest.digest().toString()), "test");
        store.alter(parsed.config(), MemoryImageStore.config(ARM64, "2026-01-01T00:00:00Z", Map.of())
                .substring(0, (int) parsed.config().size()).getBytes(StandardCharsets.UTF_8));
        InstallerException altered = assertThrows(InstallerException.class,
                () -> ImageResolver.resolve(store, "1.0", Platform.LINUX_AMD64));
        assertTrue(altered.getMessage().contains("should have the digest " + parsed.config().digest()), altered.getMessage());
    }

    @Test
    void aManifestWithoutMediaTypeAnywhereIsReadAsOci() {
        Descriptor tagged = store.image(null, Platform.LINUX_AMD64, new LayerBuilder().file("a", "a").gzip());
        String json = new String(store.manifest(tagged.digest().toString()).bytes(), StandardCharsets.UTF_8)
                .replace("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",", "");
        store.tag("bare", store.manifest("", json));
        assertEquals(MediaTypes.OCI_MANIFEST, ImageResolver.resolve(store, "bare", Platform.LINUX_AMD64).manifest().mediaType());
    }

    @Test
    void aDocumentThatIsNoManifestIsNamed() {
        store.tag("odd", store.manifest(MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2}"));
        InstallerException odd = assertThrows(InstallerException.class,
                () -> ImageResolver.resolve(store, "odd", Platform.LINUX_AMD64));
        assertTrue(odd.getMessage().contains("the manifest of 'odd' of the test store has neither 'config' nor 'layers'"),
                odd.getMessage());
    }
}
