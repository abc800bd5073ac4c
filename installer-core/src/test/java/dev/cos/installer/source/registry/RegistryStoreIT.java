package dev.cos.installer.source.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.source.oci.BlobStreams;
import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.MediaTypes;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.testsupport.registry.CuttingProxy;
import dev.cos.installer.testsupport.registry.TestImages;
import dev.cos.installer.testsupport.registry.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RegistryStore against a real registry (Debian's docker-registry, {@link TestRegistry}) holding images
 * pushed by skopeo: each auth mode, each failure a person meets, and what the registry's storage says.
 */
class RegistryStoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void readsAnImageFromAnAnonymousTlsRegistryTrustedByItsCaFile() throws Exception {
        byte[] content = "hello from the registry\n".getBytes(StandardCharsets.UTF_8);
        Path layout = TestImages.withFile(dir.resolve("layout"), "1.0", "/etc/hello", content);
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/demo:1.0");
            ImageStore store = RegistryStore.open(ref(registry, "cos/demo:1.0"), options(registry));

            ManifestBytes manifest = store.manifest("1.0");
            assertEquals(registry.tagDigest("cos/demo", "1.0"), manifest.digest().toString());
            assertEquals(MediaTypes.OCI_MANIFEST, manifest.mediaType());
            assertEquals(manifest.digest(), store.resolve("1.0"));
            assertArrayEquals(manifest.bytes(), store.manifest(manifest.digest().toString()).bytes());
            // The layer, checked by BlobStreams, is byte for byte the blob umoci wrote in the layout skopeo pushed.
            Descriptor layer = layers(manifest).get(0);
            assertArrayEquals(Files.readAllBytes(layout.resolve("blobs/sha256").resolve(layer.digest().hex())), readAll(store, layer));
            assertEquals("registry " + registry.host(), store.describe());
        }
    }

    @Test
    void logsInWithHtpasswdAndSaysWhenTheLoginIsMissingOrWrong() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "basic");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).htpasswd("alice", "s3cret").start()) {
            registry.push(layout, "cos/demo:1.0");
            ImageReference image = ref(registry, "cos/demo:1.0");
            // The login from an auth file as podman/skopeo write it ($REGISTRY_AUTH_FILE).
            Path authFile = Files.writeString(dir.resolve("auth.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                    + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
            RegistryCredentials fromFile = RegistryCredentials.standard(Map.of(), Map.of("REGISTRY_AUTH_FILE", authFile.toString()));
            ManifestBytes manifest = RegistryStore.open(image, options(registry, fromFile)).manifest("1.0");
            assertEquals(registry.tagDigest("cos/demo", "1.0"), manifest.digest().toString());
            readAll(RegistryStore.open(image, options(registry, fromFile)), layers(manifest).get(0));

            InstallerException none = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(image, options(registry)).manifest("1.0"));
            assertEquals("registry " + registry.host() + " requires a login to read " + image.name() + ": add a login for it"
                    + " under registry-auth: in config.yaml, or log in with podman login / skopeo login"
                    + " (/run/containers/0/auth.json) or docker login (~/.docker/config.json)", none.getMessage());

            InstallerException wrong = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(image, options(registry, configured(registry, "alice", "wrong"))).manifest("1.0"));
            assertEquals("registry " + registry.host() + " did not accept the user name and password of user alice (from"
                    + " config.yaml registry-auth): check them, or log in again", wrong.getMessage());
            assertTrue(!wrong.getMessage().contains("wrong") || !wrong.getMessage().contains("password wrong"));
        }
    }

    @Test
    void getsTokensAnonymouslyAndWithALoginAndSaysWhenTheLoginIsWrong() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "token");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).token("bob", "t0ken", true).start()) {
            registry.push(layout, "cos/demo:1.0");
            ImageReference image = ref(registry, "cos/demo:1.0");
            int before = registry.tokenRequests().size();

            ManifestBytes anonymous = RegistryStore.open(image, options(registry)).manifest("1.0");
            assertEquals(registry.tagDigest("cos/demo", "1.0"), anonymous.digest().toString());
            TestRegistry.TokenRequest asked = registry.tokenRequests().get(before);
            assertEquals(Optional.empty(), asked.account());
            assertEquals(List.of("repository:cos/demo:pull"), asked.scopes());

            ImageStore loggedIn = RegistryStore.open(image, options(registry, configured(registry, "bob", "t0ken")));
            assertEquals(registry.tagDigest("cos/demo", "1.0"), loggedIn.resolve("1.0").toString());  // HEAD, logged in too
            readAll(loggedIn, layers(loggedIn.manifest("1.0")).get(0));
            assertTrue(registry.tokenRequests().stream().anyMatch(r -> r.account().equals(Optional.of("bob")) && r.status() == 200));

            InstallerException wrong = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(image, options(registry, configured(registry, "bob", "nope"))).manifest("1.0"));
            assertEquals("registry " + registry.host() + " did not accept the user name and password of user bob (from"
                    + " config.yaml registry-auth): check them, or log in again", wrong.getMessage());
        }
    }

    @Test
    void tokenRegistryWithoutAnonymousPullAsksForALogin() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "token");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).token("bob", "t0ken", false).start()) {
            registry.push(layout, "cos/demo:1.0");
            ImageReference image = ref(registry, "cos/demo:1.0");
            InstallerException e = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(image, options(registry)).manifest("1.0"));
            assertTrue(e.getMessage().startsWith("registry " + registry.host() + " requires a login to read " + image.name()),
                    e.getMessage());
        }
    }

    @Test
    void namesAMissingTagAndAMissingRepository() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "x");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/demo:1.0");
            InstallerException tag = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(ref(registry, "cos/demo:1.1"), options(registry)).manifest("1.1"));
            assertEquals(ErrorCode.SOURCE, tag.code());
            assertEquals("no tag 1.1 in " + registry.host() + "/cos/demo (registry " + registry.host() + "): check the reference;"
                    + " its tags: 1.0", tag.getMessage());
            // The tray's HEAD check says the same.
            InstallerException head = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(ref(registry, "cos/demo:1.1"), options(registry)).resolve("1.1"));
            assertEquals(tag.getMessage(), head.getMessage());

            InstallerException repo = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(ref(registry, "cos/nothing:1.0"), options(registry)).manifest("1.0"));
            assertEquals("there is no repository cos/nothing in registry " + registry.host() + ": check the image reference oci:"
                    + registry.host() + "/cos/nothing:1.0", repo.getMessage());
        }
    }

    @Test
    void saysTheRegistryIsDownAfterTryingAgain() throws Exception {
        TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start();
        registry.close();
        InstallerException e = assertThrows(InstallerException.class,
                () -> RegistryStore.open(ref(registry, "cos/demo:1.0"), options(registry)).manifest("1.0"));
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertEquals("cannot connect to registry " + registry.host() + " (connection refused) (3 attempts): is the registry"
                + " running, and is the address " + registry.host() + " right?", e.getMessage());
    }

    @Test
    void anUntrustedCertificateAsksForTheCaFile() throws Exception {
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            RegistryOptions systemOnly = RegistryOptions.defaults(RegistryCredentials.none())
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetries(3, Duration.ofMillis(10));
            InstallerException e = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(ref(registry, "cos/demo:1.0"), systemOnly).manifest("1.0"));
            assertEquals("the certificate of registry " + registry.host() + " is not trusted: give the certificate of the CA"
                    + " that signed it with ca-file under registries: in config.yaml, or with --registry-ca FILE", e.getMessage());
        }
    }

    @Test
    void plainHttpOnlyForRegistriesNamedInsecure() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "http");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).plainHttp().start()) {
            registry.push(layout, "cos/demo:1.0");
            InstallerException e = assertThrows(InstallerException.class,
                    () -> RegistryStore.open(ref(registry, "cos/demo:1.0"), options(registry)).manifest("1.0"));
            assertEquals("registry " + registry.host() + " answered in plain http, not https: it is spoken to over plain http"
                    + " only when it is listed under registries: insecure: in config.yaml (its traffic, logins included, is"
                    + " then unencrypted)", e.getMessage());
            ManifestBytes manifest = RegistryStore.open(ref(registry, "cos/demo:1.0"),
                    options(registry).withInsecure(Set.of(registry.host()))).manifest("1.0");
            assertEquals(registry.tagDigest("cos/demo", "1.0"), manifest.digest().toString());
        }
    }

    @Test
    void aBlobAlteredInTheRegistrysStorageIsRefusedNamingBothDigests() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "original");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/demo:1.0");
            ImageStore store = RegistryStore.open(ref(registry, "cos/demo:1.0"), options(registry));
            Descriptor layer = layers(store.manifest("1.0")).get(0);
            Path data = registry.blobData(layer.digest().toString());
            byte[] altered = Files.readAllBytes(data);
            altered[altered.length / 2] ^= 0x55;
            Files.write(data, altered);

            InstallerException e = assertThrows(InstallerException.class, () -> readAll(store, layer));
            assertEquals(ErrorCode.SOURCE, e.code());
            assertEquals("layer 1 from registry " + registry.host() + " should have the digest " + layer.digest()
                    + " but its content has the digest " + Digest.of(altered) + ": it was altered or damaged, so it is refused",
                    e.getMessage());
        }
    }

    @Test
    void aConnectionDroppedMidBlobResumesWithRange() throws Exception {
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(14).nextBytes(noise);  // incompressible: the layer stays about this size
        Path layout = TestImages.withFile(dir.resolve("layout"), "1.0", "/var/noise", noise);
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/demo:1.0");
            Descriptor layer = layers(RegistryStore.open(ref(registry, "cos/demo:1.0"), options(registry)).manifest("1.0")).get(0);
            try (CuttingProxy proxy = new CuttingProxy(registry.port(), 1024 * 1024, 1)) {
                ImageReference viaProxy = ImageReference.parse("oci:" + proxy.host() + "/cos/demo:1.0");
                ImageStore store = RegistryStore.open(viaProxy, options(registry));
                byte[] read = readAll(store, layer);
                assertEquals(layer.digest(), Digest.of(read));
                assertEquals(1, proxy.cuts());
            }
            // The registry's access log shows the second request asked for the rest only.
            String log = Files.readString(registry.log());
            assertTrue(log.lines().anyMatch(l -> l.contains("/v2/cos/demo/blobs/" + layer.digest()) && l.contains("206")),
                    "no 206 answer for the blob in the registry log");
        }
    }

    @Test
    void readsADockerSchema2ManifestPushedAsSuch() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "docker");
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.push(layout, "cos/docker:1.0", "--format", "v2s2");
            ImageStore store = RegistryStore.open(ref(registry, "cos/docker:1.0"), options(registry));
            ManifestBytes manifest = store.manifest("1.0");
            assertEquals(MediaTypes.DOCKER_MANIFEST, manifest.mediaType());
            assertEquals(registry.tagDigest("cos/docker", "1.0"), manifest.digest().toString());
            Descriptor layer = layers(manifest).get(0);
            assertEquals(MediaTypes.DOCKER_LAYER_GZIP, layer.mediaType());
            readAll(store, layer);
        }
    }

    @Test
    void readsAMultiArchIndexAndEachOfItsManifests() throws Exception {
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "amd64", "amd64 system");
        Tools.run("umoci", "new", "--image", layout + ":arm64");
        Path file = Files.writeString(dir.resolve("arm"), "arm64 system");
        Tools.run("umoci", "insert", "--image", layout + ":arm64", file.toString(), "/etc/cos-test");
        writeIndex(layout, "multi", Map.of("amd64", "amd64", "arm64", "arm64"));
        try (TestRegistry registry = TestRegistry.in(dir.resolve("registry")).start()) {
            registry.copy(List.of(), "oci:" + layout + ":multi", "cos/multi:1.0", List.of());
            ImageStore store = RegistryStore.open(ref(registry, "cos/multi:1.0"), options(registry));
            ManifestBytes index = store.manifest("1.0");
            assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
            assertEquals(registry.tagDigest("cos/multi", "1.0"), index.digest().toString());
            JsonNode manifests = JSON.readTree(index.bytes()).path("manifests");
            assertEquals(2, manifests.size());
            for (JsonNode entry : manifests) {
                String digest = entry.path("digest").asText();
                ManifestBytes manifest = store.manifest(digest);
                assertEquals(digest, manifest.digest().toString());
                readAll(store, layers(manifest).get(0));
            }
        }
    }

    // --- helpers ---

    private static ImageReference ref(TestRegistry registry, String repoTag) {
        return ImageReference.parse(registry.reference(repoTag));
    }

    private static RegistryOptions options(TestRegistry registry) {
        return options(registry, RegistryCredentials.none());
    }

    private static RegistryOptions options(TestRegistry registry, RegistryCredentials credentials) {
        return RegistryOptions.defaults(credentials).withCaFile(registry.caCertificate())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetries(3, Duration.ofMillis(50));
    }

    private static RegistryCredentials configured(TestRegistry registry, String user, String password) {
        return new RegistryCredentials(Map.of(registry.host(), new RegistryLogin(user, password, "config.yaml registry-auth")),
                List.of());
    }

    private static List<Descriptor> layers(ManifestBytes manifest) throws Exception {
        return java.util.stream.StreamSupport.stream(JSON.readTree(manifest.bytes()).path("layers").spliterator(), false)
                .map(l -> new Descriptor(l.path("mediaType").asText(), Digest.parse(l.path("digest").asText(), "test"),
                        l.path("size").asLong()))
                .toList();
    }

    private static byte[] readAll(ImageStore store, Descriptor blob) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = BlobStreams.open(store, blob, "layer 1", ByteProgress.NONE)) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    /** Adds to the layout an index of the images tagged as the map's values, for the platforms linux/<key>, tagged {@code tag}. */
    private static void writeIndex(Path layout, String tag, Map<String, String> platformToTag) throws Exception {
        ObjectNode layoutIndex = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        var entries = index.putArray("manifests");
        for (Map.Entry<String, String> platform : new java.util.TreeMap<>(platformToTag).entrySet()) {
            for (JsonNode m : layoutIndex.path("manifests")) {
                if (m.path("annotations").path("org.opencontainers.image.ref.name").asText().equals(platform.getValue())) {
                    ObjectNode entry = entries.addObject();
                    entry.put("mediaType", m.path("mediaType").asText()).put("digest", m.path("digest").asText())
                            .put("size", m.path("size").asLong());
                    entry.putObject("platform").put("os", "linux").put("architecture", platform.getKey());
                }
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(index);
        Digest digest = Digest.of(bytes);
        Files.write(layout.resolve("blobs/sha256").resolve(digest.hex()), bytes);
        ObjectNode ref = ((com.fasterxml.jackson.databind.node.ArrayNode) layoutIndex.path("manifests")).addObject();
        ref.put("mediaType", MediaTypes.OCI_INDEX).put("digest", digest.toString()).put("size", bytes.length);
        ref.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        JSON.writeValue(layout.resolve("index.json").toFile(), layoutIndex);
    }
}
