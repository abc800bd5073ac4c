package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.testsupport.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI with container images in a local OCI layout and a tar of it, both made by umoci and tar
 * (not by our code), and the same images pushed by skopeo to a real registry (TLS from the test's CA,
 * htpasswd login): inspect, an install onto a disk image file, the refusals that must change nothing,
 * and offline upgrades; the disk is read back with debugfs and state.yaml with a YAML parser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSourceIT {

    @TempDir
    static Path temp;

    private final String tmpdirBefore = System.getProperty("java.io.tmpdir");

    private UpgradeFixture fx;
    private Path layout;
    private Path archive;
    private Path downloads;
    private TestRegistry registry;
    private Path config;

    @BeforeAll
    void buildImages() throws IOException {
        fx = new UpgradeFixture(temp);
        layout = temp.resolve("layout");
        Tools.run("umoci", "init", "--layout", layout.toString());
        for (String version : List.of("1.0", "2.0")) {
            String image = layout + ":" + version;
            Path bundle = temp.resolve("bundle-" + version);
            Tools.run("umoci", "new", "--image", image);
            Tools.run("umoci", "unpack", "--image", image, bundle.toString());
            Tools.run("cp", "-a", "--", fx.tree(version) + "/.", bundle.resolve("rootfs").toString());
            Tools.run("umoci", "repack", "--image", image, bundle.toString());
            Tools.run("umoci", "config", "--image", image, "--config.label", "org.opencontainers.image.version=" + version);
        }
        archive = temp.resolve("layout.tar");
        Tools.run("tar", "-cf", archive.toString(), "-C", layout.toString(), ".");
        downloads = Files.createDirectories(temp.resolve("tmp"));
        System.setProperty("java.io.tmpdir", downloads.toString());
        registry = TestRegistry.in(temp.resolve("registry")).htpasswd("upgrader", "s3cret-pw").start();
        for (String version : List.of("1.0", "2.0")) {
            registry.copy(List.of(), "oci:" + layout + ":" + version, "cos/system:" + version, List.of());
        }
        config = Files.writeString(temp.resolve("config.yaml"), """
                registries:
                  ca-file: %s
                registry-auth:
                  - registry: %s
                    username: upgrader
                    password: s3cret-pw
                """.formatted(registry.caCertificate(), registry.host()));
    }

    @AfterAll
    void restoreTmpdirAndStop() {
        System.setProperty("java.io.tmpdir", tmpdirBefore);
        if (registry != null) {
            registry.stop();
        }
    }

    /** The manifest digest index.json gives the tag: read by the test, not by the engine. */
    private String digestOf(String tag) throws IOException {
        for (JsonNode entry : new ObjectMapper().readTree(layout.resolve("index.json").toFile()).path("manifests")) {
            if (entry.at("/annotations/org.opencontainers.image.ref.name").asText().equals(tag)) {
                return entry.path("digest").asText();
            }
        }
        throw new AssertionError("no tag " + tag + " in index.json");
    }

    private static List<JsonNode> events(Cli.Result result) {
        ObjectMapper json = new ObjectMapper();
        return result.out().lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }

    private static JsonNode summary(Cli.Result result) {
        List<JsonNode> events = events(result);
        return events.get(events.size() - 1).path("summary");
    }




    @Test
    @Order(1)
    void inspectPinsTheTagAndShowsVersionDigestAndLabels() throws IOException {
        Cli.Result result = Cli.run("inspect", "oci-dir:" + layout + ":1.0", "--progress", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = summary(result);
        String digest = digestOf("1.0");
        assertEquals("1.0", summary.path("version").asText(), summary::toString);
        assertEquals("oci-dir:" + layout + "@" + digest, summary.path("uri").asText());
        assertEquals(digest, summary.path("digest").asText());
        assertEquals("oci-dir:" + layout + ":1.0@" + digest, summary.at("/image/reference").asText());
        assertEquals("1.0", summary.at("/image/tag").asText());
        assertEquals("linux/amd64", summary.at("/image/platform").asText());
        assertEquals("1.0", summary.at("/image/labels/org.opencontainers.image.version").asText());
        assertEquals("not-checked", summary.at("/image/signature").asText());
        try (Stream<Path> left = Files.list(downloads)) {
            assertEquals(List.of(), left.toList(), "inspect leaves no pulled tree");
        }
    }

    @Test
    @Order(2)
    void anInstallFromTheLayoutWritesTheImageAndRecordsItPinnedWithItsTag() throws IOException {
        Cli.Result result = Cli.run("install", "--target", fx.image.toString(), "--size", "3G", "--source",
                "oci-dir:" + layout + ":1.0", "--yes");

        assertEquals(0, result.exitCode(), result::toString);
        String digest = digestOf("1.0");
        for (String partition : List.of("state", "recovery")) {
            JsonNode active = fx.state(partition).at("/state/active");
            assertEquals("oci-dir:" + layout + "@" + digest, active.path("source").asText(), partition + ": " + active);
            assertEquals(digest, active.at("/source-metadata/digest").asText());
            assertEquals("1.0", active.at("/source-metadata/tag").asText());
        }
        Path active = fx.dump("state", "active.img");
        assertEquals("1.0", UpgradeFixture.extVersion(active));
        Path payload = temp.resolve("payload-1.0");
        Tools.run("debugfs", "-R", "dump /usr/bin/payload " + payload, active.toString());
        assertArrayEquals(Files.readAllBytes(fx.tree("1.0").resolve("usr/bin/payload")), Files.readAllBytes(payload),
                "the file inside the image is the one umoci packed");
        assertTrue(fx.disk().cat("state", "/history.jsonl").contains("\"tag\":\"1.0\""), "the history names the tag");
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(3)
    void aTagTheLayoutLacksIsRefusedNamingTheTagsAndChangesNothing() throws IOException {
        String before = fx.imagesFingerprint();
        Cli.Result result = fx.upgradeFrom("oci-dir:" + layout + ":9.9");

        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("9.9"), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(4)
    void anUnsignedImageIsRefusedWhenVerificationIsOnAndChangesNothing() throws IOException {
        Path key = temp.resolve("cosign.key");
        Tools.run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        Path pub = temp.resolve("cosign.pub");
        Tools.run("openssl", "ec", "-in", key.toString(), "-pubout", "-out", pub.toString());
        String before = fx.imagesFingerprint();

        Cli.Result result = fx.upgradeFrom("oci-dir:" + layout + ":2.0", "--cosign", "--cosign-key", pub.toString());

        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("no cosign signature for " + digestOf("2.0")), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(5)
    void anOfflineUpgradeFromTheArchiveInstallsTheNewVersionPinned() throws IOException {
        Cli.Result result = fx.upgradeFrom("oci-archive:" + archive + ":2.0");

        assertEquals(0, result.exitCode(), result::toString);
        String digest = digestOf("2.0");
        JsonNode status = new ObjectMapper().readTree(Cli.run("status", "--target", fx.image.toString(), "--json").out());
        assertEquals("2.0", status.at("/images/active/version").asText(), status::toString);
        assertEquals("1.0", status.at("/images/passive/version").asText(), status::toString);
        assertEquals("oci-archive:" + archive + "@" + digest, status.at("/images/active/source").asText(), status::toString);
        assertEquals(digest, status.at("/images/active/digest").asText(), status::toString);
        assertEquals("2.0", status.at("/images/active/tag").asText(), status::toString);
        assertEquals("1.0", status.at("/images/passive/tag").asText(), "passive keeps the record of the image it was");
        assertEquals("2.0", fx.state("recovery").at("/state/active/source-metadata/tag").asText(), "both state.yaml copies");
        assertEquals("2.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(6)
    void inspectOfARegistryTagWithTheConfigsCaAndLoginPinsItsDigest() throws IOException {
        Cli.Result result = Cli.run("inspect", registry.reference("cos/system:1.0"), "--config", config.toString(),
                "--progress", "json");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = summary(result);
        String digest = registry.tagDigest("cos/system", "1.0");
        assertEquals("1.0", summary.path("version").asText(), summary::toString);
        assertEquals("oci:" + registry.host() + "/cos/system@" + digest, summary.path("uri").asText());
        assertEquals(registry.reference("cos/system:1.0@" + digest), summary.at("/image/reference").asText());
        assertFalse(result.out().contains("s3cret-pw") || result.err().contains("s3cret-pw"), "the password is never shown");
    }

    @Test
    @Order(7)
    void aWrongPasswordIsRefusedAndChangesNothing() throws IOException {
        Path wrong = Files.writeString(temp.resolve("wrong.yaml"), Files.readString(config).replace("s3cret-pw", "guess"));
        String before = fx.imagesFingerprint();

        Cli.Result result = fx.upgradeFrom(registry.reference("cos/system:1.0"), "--config", wrong.toString());

        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertFalse(result.out().contains("guess") || result.err().contains("guess"), "the password is never shown");
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(8)
    void anUpgradeFromTheRegistryPinnedByInspectWritesThatImageAndRecordsIt() throws IOException {
        String digest = registry.tagDigest("cos/system", "1.0");
        Cli.Result result = fx.upgradeFrom(registry.reference("cos/system:1.0@" + digest), "--config", config.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("1.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
        JsonNode active = fx.state("state").at("/state/active");
        assertEquals("oci:" + registry.host() + "/cos/system@" + digest, active.path("source").asText(), active::toString);
        assertEquals(digest, active.at("/source-metadata/digest").asText());
        assertEquals("1.0", active.at("/source-metadata/tag").asText());
        assertFalse(fx.disk().cat("state", "/state.yaml").contains("s3cret-pw"));
        assertFalse(fx.disk().cat("state", "/history.jsonl").contains("s3cret-pw"));
        // The test's own commands (htpasswd, skopeo's --dest-creds) share the log file: the engine wrote it nowhere.
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty("cos.log.file", "target/test-commands.log")))) {
            List<String> leaks = lines.filter(line -> line.contains("s3cret-pw"))
                    .filter(line -> !line.contains("run: htpasswd ") && !line.contains("run: skopeo ")).toList();
            assertEquals(List.of(), leaks, "no log line of the engine shows the password");
        }
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(9)
    void aLayerAlteredInTheRegistrysStorageIsRefusedNamingBothDigestsAndChangesNothing() throws IOException {
        String manifest = registry.tagDigest("cos/system", "2.0");
        String layer = new ObjectMapper().readTree(Files.readAllBytes(registry.blobData(manifest))).at("/layers/0/digest").asText();
        byte[] bytes = Files.readAllBytes(registry.blobData(layer));
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(registry.blobData(layer), bytes);
        String before = fx.imagesFingerprint();

        Cli.Result result = fx.upgradeFrom(registry.reference("cos/system:2.0"), "--config", config.toString());

        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("should have the digest " + layer), result::toString);
        assertTrue(result.err().contains("its content has the digest sha256:"), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(10)
    void aRegistryThatIsDownIsReportedAndChangesNothing() throws IOException {
        registry.stop();
        String before = fx.imagesFingerprint();

        Cli.Result result = fx.upgradeFrom(registry.reference("cos/system:1.0"), "--config", config.toString());

        assertEquals(ErrorCode.DOWNLOAD.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains(registry.host()), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }
}
