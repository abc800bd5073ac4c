package dev.cos.installer.source.registry;

import static dev.cos.installer.source.registry.FakeRegistry.body;
import static dev.cos.installer.source.registry.FakeRegistry.status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** RegistryStore's protocol, logins, retries and messages against a scripted registry (JDK HttpServer). */
class RegistryStoreTest {

    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> OCI = Map.of("Content-Type", MediaTypes.OCI_MANIFEST);

    private final FakeRegistry registry = new FakeRegistry();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        registry.close();
    }

    @Test
    void triesA503AndA429AgainHonoringRetryAfter() {
        registry.on("/v2/cos/demo/manifests/1.0", status(503, Map.of()), status(429, Map.of("Retry-After", "7")),
                body(200, OCI, MANIFEST));
        ManifestBytes manifest = store(RegistryCredentials.none()).manifest("1.0");
        assertEquals(Digest.of(MANIFEST), manifest.digest());
        assertEquals(MediaTypes.OCI_MANIFEST, manifest.mediaType());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofSeconds(7)), pauses);
        assertEquals(3, registry.seen().size());
    }

    @Test
    void givesUpAfterItsTriesSayingTheRegistryHasAProblem() {
        registry.on("/v2/cos/demo/manifests/1.0", status(503, Map.of()));
        InstallerException e = assertThrows(InstallerException.class, () -> store(RegistryCredentials.none()).manifest("1.0"));
        assertEquals(ErrorCode.DOWNLOAD, e.code());
        assertEquals("registry " + registry.host() + " has a problem (HTTP 503) while reading the manifest 1.0 of "
                + registry.host() + "/cos/demo: try again later", e.getMessage());
        assertEquals(3, registry.seen().size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), pauses);
    }

    @Test
    void getsABearerTokenWithTheLoginAndNeverLogsASecret() {
        registry.on("/v2/cos/demo/manifests/1.0",
                status(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake\","
                        + "scope=\"repository:cos/demo:pull\"")),
                exchange -> {
                    boolean tokenGiven = "Bearer t0k3n".equals(exchange.getRequestHeaders().getFirst("Authorization"));
                    FakeRegistry.send(exchange, tokenGiven ? 200 : 401, OCI, tokenGiven ? MANIFEST : new byte[0]);
                });
        registry.on("/token", body(200, Map.of("Content-Type", "application/json"),
                "{\"token\":\"t0k3n\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8)));
        ManifestBytes manifest = store(login("alice", "pa55word")).manifest("1.0");
        assertEquals(Digest.of(MANIFEST), manifest.digest());

        FakeRegistry.Seen token = registry.seen().get(1);
        assertEquals("/token?service=fake&scope=repository%3Acos%2Fdemo%3Apull", token.pathAndQuery());
        assertEquals(Optional.of("Basic " + b64("alice:pa55word")), token.authorization());
        assertEquals(Optional.of("Bearer t0k3n"), registry.seen().get(2).authorization());
        String logged = String.join("\n", log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertTrue(logged.contains("alice"), logged);
        for (String secret : List.of("pa55word", b64("alice:pa55word"), "t0k3n")) {
            assertFalse(logged.contains(secret), "the log shows a secret: " + logged);
        }
    }

    @Test
    void parallelRequestsShareOneToken() throws Exception {
        registry.on("/v2/cos/demo/manifests/1.0", exchange -> {
            boolean tokenGiven = "Bearer shared".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            FakeRegistry.send(exchange, tokenGiven ? 200 : 401, tokenGiven ? OCI
                    : Map.of("WWW-Authenticate", "Bearer realm=\"http://" + registry.host() + "/token\""), tokenGiven ? MANIFEST : new byte[0]);
        });
        registry.on("/token", exchange -> {
            try {
                Thread.sleep(200);  // the other requests meet their 401 meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeRegistry.send(exchange, 200, Map.of(), "{\"token\":\"shared\"}".getBytes(StandardCharsets.UTF_8));
        });
        RegistryStore store = store(RegistryCredentials.none());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<ManifestBytes>> answers = pool.invokeAll(java.util.Collections.nCopies(4,
                    () -> store.manifest("1.0")));
            for (java.util.concurrent.Future<ManifestBytes> answer : answers) {
                assertEquals(Digest.of(MANIFEST), answer.get().digest());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, registry.seen().stream().filter(r -> r.pathAndQuery().startsWith("/token")).count());
    }

    @Test
    void anonymousTokenWithoutAScopeInTheChallengeAsksForPull() {
        registry.on("/v2/cos/demo/manifests/1.0",
                status(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + registry.host() + "/token\"")),
                body(200, OCI, MANIFEST));
        registry.on("/token", body(200, Map.of(), "{\"access_token\":\"anon\"}".getBytes(StandardCharsets.UTF_8)));
        store(RegistryCredentials.none()).manifest("1.0");
        assertEquals(new FakeRegistry.Seen("GET", "/token?scope=repository%3Acos%2Fdemo%3Apull", Optional.empty(),
                Optional.empty()), registry.seen().get(1));
        assertEquals(Optional.of("Bearer anon"), registry.seen().get(2).authorization());
    }

    @Test
    void aRefusedBasicLoginNamesTheUserAndWhereTheLoginCameFrom() {
        registry.on("/v2/cos/demo/manifests/1.0", status(401, Map.of("WWW-Authenticate", "Basic realm=\"fake\"")));
        InstallerException e = assertThrows(InstallerException.class, () -> store(login("alice", "wrong")).manifest("1.0"));
        assertEquals("registry " + registry.host() + " did not accept the user name and password of user alice (from"
                + " config.yaml registry-auth): check them, or log in again", e.getMessage());
        assertEquals(2, registry.seen().size());
    }

    @Test
    void aRefusedTokenRequestIsAWrongLogin() {
        registry.on("/v2/cos/demo/manifests/1.0",
                status(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + registry.host() + "/token\"")));
        registry.on("/token", status(401, Map.of()));
        InstallerException e = assertThrows(InstallerException.class, () -> store(login("bob", "wrong")).manifest("1.0"));
        assertTrue(e.getMessage().startsWith("registry " + registry.host() + " did not accept the user name and password of"
                + " user bob"), e.getMessage());
    }

    @Test
    void aForbiddenRepositoryNamesTheUser() {
        registry.on("/v2/cos/demo/manifests/1.0", status(403, Map.of()));
        InstallerException e = assertThrows(InstallerException.class, () -> store(login("bob", "pw")).manifest("1.0"));
        assertEquals("user bob (from config.yaml registry-auth) may not read " + registry.host() + "/cos/demo in registry "
                + registry.host() + ": check the repository's name and the user's rights", e.getMessage());
    }

    @Test
    void aRedirectToAnotherHostCarriesNoCredentials() throws Exception {
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(blob), blob.length);
        try (FakeRegistry storage = new FakeRegistry()) {
            storage.on("/data", body(200, Map.of(), blob));
            registry.on("/v2/cos/demo/blobs/" + descriptor.digest(), status(401, Map.of("WWW-Authenticate", "Basic realm=\"x\"")),
                    status(307, Map.of("Location", "http://" + storage.host() + "/data?signature=abc")));
            try (InputStream in = store(login("alice", "pw")).openBlob(descriptor, 0)) {
                assertArrayEquals(blob, in.readAllBytes());
            }
            assertEquals(Optional.of("Basic " + b64("alice:pw")), registry.seen().get(1).authorization());
            assertEquals(List.of(new FakeRegistry.Seen("GET", "/data?signature=abc", Optional.empty(), Optional.empty())),
                    storage.seen());
        }
    }

    @Test
    void readsABlobFromAnOffsetWithRange() throws Exception {
        byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(blob), blob.length);
        registry.on("/v2/cos/demo/blobs/" + descriptor.digest(),
                body(206, Map.of("Content-Range", "bytes 4-9/10"), "456789".getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = store(RegistryCredentials.none()).openBlob(descriptor, 4)) {
            assertEquals("456789", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(Optional.of("bytes=4-"), registry.seen().get(0).range());
    }

    @Test
    void aRegistryThatIgnoresTheRangeIsSkippedToTheOffset() throws Exception {
        byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(blob), blob.length);
        registry.on("/v2/cos/demo/blobs/" + descriptor.digest(), body(200, Map.of(), blob));
        try (InputStream in = store(RegistryCredentials.none()).openBlob(descriptor, 4)) {
            assertEquals("456789", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anotherPartThanAskedIsABrokenTransfer() {
        byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(blob), blob.length);
        registry.on("/v2/cos/demo/blobs/" + descriptor.digest(),
                body(206, Map.of("Content-Range", "bytes 0-9/10"), blob));
        IOException e = assertThrows(IOException.class, () -> store(RegistryCredentials.none()).openBlob(descriptor, 4));
        assertTrue(e.getMessage().contains("asked from byte 4"), e.getMessage());
    }

    @Test
    void aStalledBlobIsGivenUpAfterTheIdleTimeoutAndResumed() {
        byte[] blob = new byte[1000];
        new java.util.Random(1).nextBytes(blob);
        Descriptor descriptor = new Descriptor(MediaTypes.OCI_LAYER, Digest.of(blob), blob.length);
        registry.on("/v2/cos/demo/blobs/" + descriptor.digest(),
                exchange -> {
                    exchange.sendResponseHeaders(200, blob.length);
                    exchange.getResponseBody().write(blob, 0, 100);
                    exchange.getResponseBody().flush();
                    try {
                        Thread.sleep(10_000);  // stalls far beyond the idle timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                body(206, Map.of("Content-Range", "bytes 100-999/1000"), java.util.Arrays.copyOfRange(blob, 100, 1000)));
        byte[] read = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (InputStream in = dev.cos.installer.source.oci.BlobStreams.open(store(RegistryCredentials.none()), descriptor,
                    "layer 1", dev.cos.installer.job.ByteProgress.NONE)) {
                return in.readAllBytes();
            }
        });
        assertArrayEquals(blob, read);
        assertEquals(Optional.of("bytes=100-"), registry.seen().get(1).range());
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("nothing received for 0.3 s")),
                "the resume is logged with its reason");
    }

    @Test
    void aMissingBlobSaysTheImageIsIncomplete() {
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(new byte[] {1}), 1);
        registry.on("/v2/cos/demo/blobs/" + layer.digest(), body(404, Map.of(), "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}"
                .getBytes(StandardCharsets.UTF_8)));
        InstallerException e = assertThrows(InstallerException.class, () -> store(RegistryCredentials.none()).openBlob(layer, 0));
        assertEquals("registry " + registry.host() + " has no layer (" + layer.digest() + ") of " + registry.host()
                + "/cos/demo: the image in the registry is incomplete; push it again", e.getMessage());
    }

    @Test
    void aManifestAskedByDigestMustHaveIt() {
        Digest asked = Digest.of("another manifest".getBytes(StandardCharsets.UTF_8));
        registry.on("/v2/cos/demo/manifests/" + asked, body(200, OCI, MANIFEST));
        InstallerException e = assertThrows(InstallerException.class,
                () -> store(RegistryCredentials.none()).manifest(asked.toString()));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertEquals("the manifest " + asked + " of " + registry.host() + "/cos/demo from registry " + registry.host()
                + " should have the digest " + asked + " but its content has the digest " + Digest.of(MANIFEST)
                + ": it was altered or damaged, so it is refused", e.getMessage());
    }

    @Test
    void aManifestServedAsPlainJsonIsTypedByItsOwnMediaType() {
        byte[] index = "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(StandardCharsets.UTF_8);
        registry.on("/v2/cos/demo/manifests/1.0", body(200, Map.of("Content-Type", "application/json"), index));
        assertEquals(MediaTypes.OCI_INDEX, store(RegistryCredentials.none()).manifest("1.0").mediaType());
    }

    @Test
    void resolveAsksWithHeadOnly() {
        Digest digest = Digest.of(MANIFEST);
        registry.on("/v2/cos/demo/manifests/1.0", status(200, Map.of("Docker-Content-Digest", digest.toString())));
        assertEquals(digest, store(RegistryCredentials.none()).resolve("1.0"));
        assertEquals(List.of("HEAD"), registry.seen().stream().map(FakeRegistry.Seen::method).toList());
    }

    @Test
    void aMissingTagNamesTheTagsThereAre() {
        registry.on("/v2/cos/demo/manifests/2.0", body(404, Map.of(), "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"
                .getBytes(StandardCharsets.UTF_8)));
        registry.on("/v2/cos/demo/tags/list", body(200, Map.of(), "{\"name\":\"cos/demo\",\"tags\":[\"1.0\",\"1.1\"]}"
                .getBytes(StandardCharsets.UTF_8)));
        InstallerException e = assertThrows(InstallerException.class, () -> store(RegistryCredentials.none()).manifest("2.0"));
        assertEquals("no tag 2.0 in " + registry.host() + "/cos/demo (registry " + registry.host() + "): check the reference;"
                + " its tags: 1.0, 1.1", e.getMessage());
    }

    private RegistryStore store(RegistryCredentials credentials) {
        RegistryOptions options = RegistryOptions.defaults(credentials).withInsecure(Set.of(registry.host()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withIdleTimeout(Duration.ofMillis(300))
                .withRetries(3, Duration.ofMillis(100));
        return RegistryStore.open(ImageReference.parse("oci:" + registry.host() + "/cos/demo:1.0"), options, pauses::add);
    }

    private RegistryCredentials login(String user, String password) {
        return new RegistryCredentials(Map.of(registry.host(), new RegistryLogin(user, password, "config.yaml registry-auth")),
                List.of());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
