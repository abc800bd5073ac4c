package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.ImageServer;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI against a web server on 127.0.0.1 serving the demo image 2.0 as a squashfs: inspect,
 * an offline upgrade of an installed disk image file, and the failures (wrong digest, 404, a
 * connection dropped mid-transfer) that must leave the disk and the download directories as they were.
 * One install for the class; the successful upgrade runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpSourceIT {

    @TempDir
    static Path temp;

    private final String tmpdirBefore = System.getProperty("java.io.tmpdir");

    private UpgradeFixture fx;
    private ImageServer server;
    private byte[] image;
    private String digest;
    private Path downloads;

    @BeforeAll
    void installAndServe() throws IOException {
        fx = new UpgradeFixture(temp);
        Cli.Result installed = Cli.run("install", "--target", fx.image.toString(), "--size", "3G", "--source",
                DemoImage.tree("1.0").toString());
        assertEquals(0, installed.exitCode(), installed::toString);
        Path squashfs = temp.resolve("demo-2.0.squashfs");
        Tools.run("mksquashfs", DemoImage.tree("2.0").toString(), squashfs.toString(), "-comp", "gzip", "-noappend", "-quiet");
        image = Files.readAllBytes(squashfs);
        digest = UpgradeFixture.sha256(squashfs);
        server = new ImageServer().serve("/cos/demo-2.0.squashfs", image)
                .serve("/cos/demo-2.0.squashfs.sha256", (digest + "  demo-2.0.squashfs\n").getBytes())
                .serve("/cos/flaky/demo-2.0.squashfs.sha256", (digest + "  demo-2.0.squashfs\n").getBytes())
                .serve("/cos/unverified/demo-2.0.squashfs", image)
                .cut("/cos/cut.squashfs", image, image.length / 2);
        // Drops the connection twice, a third of the way into each answer.
        server.resumable("/cos/flaky/demo-2.0.squashfs", image, Optional.of("\"demo-2.0\""), 2, image.length / 3);
        downloads = Files.createDirectories(temp.resolve("tmp"));
        System.setProperty("java.io.tmpdir", downloads.toString());
    }

    @AfterAll
    void stop() {
        System.setProperty("java.io.tmpdir", tmpdirBefore);
        if (server != null) {
            server.close();
        }
    }




    private static List<JsonNode> events(Cli.Result result) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return result.out().lines().map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }

    @Test
    @Order(1)
    void inspectDownloadsTheImageAndShowsItsVersionAndDigestUnderItsUrl() throws IOException {
        Cli.Result result = Cli.run("inspect", server.url("/cos/demo-2.0.squashfs"), "--progress", "json");
        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> events = events(result);
        JsonNode summary = events.get(events.size() - 1).path("summary");
        assertEquals("2.0", summary.path("version").asText());
        assertEquals("sha256:" + digest, summary.path("digest").asText());
        assertEquals(server.url("/cos/demo-2.0.squashfs"), summary.path("uri").asText());
        assertTrue(events.stream().anyMatch(e -> e.path("step").asText().equals("download")
                && e.path("bytesDone").asLong() == image.length && e.path("bytesTotal").asLong() == image.length),
                "a download progress event with all the bytes: " + result.out());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(2)
    void aWrongDigestFailsNamingBothDigestsAndChangesNothing() throws IOException {
        String before = fx.imagesFingerprint();
        String wrong = "0".repeat(64);
        Cli.Result result = fx.upgradeFrom(server.url("/cos/demo-2.0.squashfs") + "#sha256=" + wrong);
        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("expected sha256:" + wrong) && result.err().contains("got sha256:" + digest), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(3)
    void aMissingImageFailsWithNoImageAtTheUrl() throws IOException {
        String before = fx.imagesFingerprint();
        String missing = server.url("/cos/demo-9.0.squashfs");
        Cli.Result result = fx.upgradeFrom(missing);
        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("no image at " + missing + " (HTTP 404)"), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(4)
    void aConnectionDroppedOnEveryTryFailsCleanlySayingHowOftenWithNoDownloadLeft() throws IOException {
        String before = fx.imagesFingerprint();
        // The real pauses between the 5 tries: 2 + 4 + 8 + 16 s.
        Cli.Result result = fx.upgradeFrom(server.url("/cos/cut.squashfs") + "#sha256=" + digest);
        assertEquals(ErrorCode.DOWNLOAD.exitCode(), result.exitCode(), result::toString);
        List<JsonNode> events = events(result);
        JsonNode error = events.get(events.size() - 1);
        assertEquals("download", error.path("step").asText(), result::toString);
        assertTrue(error.path("message").asText().startsWith("downloading " + server.url("/cos/cut.squashfs") + " failed 5"
                + " times; the last try: the connection broke after "), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(5)
    void aUrlWithNoDigestIsRefusedAndChangesNothing() throws IOException {
        String before = fx.imagesFingerprint();
        String url = server.url("/cos/unverified/demo-2.0.squashfs");
        Cli.Result result = fx.upgradeFrom(url);
        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains(url + " has no digest: add #sha256=<hex> to the URL or publish " + url + ".sha256;"
                + " or pass --allow-unverified"), result::toString);
        assertEquals(before, fx.imagesFingerprint());
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(6)
    void anOfflineUpgradeFromAServerThatDropsTwiceResumesInstallsTheNewVersionAndRecordsTheUrl() throws IOException {
        String url = server.url("/cos/flaky/demo-2.0.squashfs");
        Cli.Result result = fx.upgradeFrom(url);
        assertEquals(List.of("", "", "bytes=" + image.length / 3 + "- \"demo-2.0\"",
                "bytes=" + 2 * (image.length / 3) + "- \"demo-2.0\""), server.ranges().subList(server.ranges().size() - 4,
                server.ranges().size()), "the sidecar, then the image and two resumed tries");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode status = new ObjectMapper().readTree(Cli.run("status", "--target", fx.image.toString(), "--json").out());
        assertEquals("2.0", status.at("/images/active/version").asText(), status::toString);
        assertEquals("1.0", status.at("/images/passive/version").asText(), status::toString);
        assertEquals(url, status.at("/images/active/source").asText(), status::toString);
        assertEquals("sha256:" + digest, status.at("/images/active/digest").asText(), status::toString);
        assertEquals(url, fx.state("recovery").at("/state/active/source").asText(), "both state.yaml copies");
        fx.assertNothingDownloadedLeft(downloads);
    }

    @Test
    @Order(7)
    void withAllowUnverifiedAUrlWithNoDigestIsInstalledWithALoudWarningAndMarkedUnverified() throws IOException {
        String url = server.url("/cos/unverified/demo-2.0.squashfs");
        Cli.Result result = fx.upgradeFrom(url, "--allow-unverified");
        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> events = events(result);
        assertTrue(events.stream().anyMatch(e -> e.path("event").asText().equals("log") && e.path("level").asText().equals("warn")
                && e.path("message").asText().startsWith("UNVERIFIED IMAGE: " + url)), result::toString);
        JsonNode last = events.get(events.size() - 1);
        assertTrue(last.at("/summary/unverified").asBoolean(), last::toString);
        assertEquals(url, fx.state("state").at("/state/active/source").asText());
        fx.assertNothingDownloadedLeft(downloads);
    }
}
