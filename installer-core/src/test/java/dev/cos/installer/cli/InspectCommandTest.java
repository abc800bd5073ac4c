package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.source.DemoImageBuilder;
import dev.cos.installer.source.DirectorySource;
import dev.cos.installer.source.SourceScanner;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.ImageServer;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}: the verify events, the summary fields the GUI reads, and the refusals, from the CLI. */
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path tree;

    @BeforeEach
    void tree() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        Files.createDirectories(tree.resolve("etc"));
        Files.writeString(tree.resolve("etc/os-release"), "NAME=\"Demo OS\"\nPRETTY_NAME=\"Demo OS 1.2\"\nVERSION_ID=1.2\n");
        byte[] payload = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        Files.write(tree.resolve("payload"), payload);
    }

    @AfterEach
    void forgetTheScript() {
        System.clearProperty(DemoImageBuilder.SCRIPT_PROPERTY);
    }

    @Test
    void jsonReportsVerifyProgressThenTheSummary() throws Exception {
        Cli.Result result = Cli.run("inspect", "--progress=json", tree.toString());

        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> events = events(result.out());
        List<JsonNode> verify = events.stream().filter(e -> e.path("event").asText().equals("progress")).toList();
        assertTrue(verify.size() >= 2, "progress while a 20 MiB tree is read: " + result.out());
        for (JsonNode e : verify) {
            assertEquals("verify", e.path("step").asText());
            assertTrue(e.path("bytesDone").asLong() <= e.path("bytesTotal").asLong(), e.toString());
        }
        JsonNode lastProgress = verify.get(verify.size() - 1);
        assertEquals(lastProgress.path("bytesTotal").asLong(), lastProgress.path("bytesDone").asLong(), "ends at 100 %");

        JsonNode last = events.get(events.size() - 1);
        assertEquals("result", last.path("event").asText());
        JsonNode summary = last.path("summary");
        assertEquals(List.of("uri", "name", "version", "bytes", "treeBytes", "digest"), fieldNames(summary));
        assertEquals("dir://" + tree, summary.path("uri").asText());
        assertEquals("Demo OS 1.2", summary.path("name").asText());
        assertEquals("1.2", summary.path("version").asText());
        assertEquals(Files.size(tree.resolve("payload")) + Files.size(tree.resolve("etc/os-release")), summary.path("bytes").asLong());
        assertTrue(summary.path("treeBytes").asLong() > summary.path("bytes").asLong(), summary.toString());
        String installDigest = new SourceScanner(new RecordingCommandRunner()).scan(new DirectorySource(tree), ByteProgress.NONE).sha256();
        assertEquals("sha256:" + installDigest, summary.path("digest").asText());
    }

    @Test
    void textPrintsTheSameFieldsAsLines() {
        Cli.Result result = Cli.run("inspect", tree.toString());

        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Done in "), result.out());
        assertEquals("uri:        dir://" + tree, lines.get(1));
        assertEquals("name:       Demo OS 1.2", lines.get(2));
        assertEquals("version:    1.2", lines.get(3));
        assertTrue(lines.get(4).matches("bytes: +\\d+"), lines.get(4));
        assertTrue(lines.get(5).matches("treeBytes: +\\d+"), lines.get(5));
        assertTrue(lines.get(6).matches("digest: +sha256:[0-9a-f]{64}"), lines.get(6));
    }

    @Test
    void aTreeWithoutOsReleaseHasAnEmptyNameAndVersion() throws Exception {
        Files.delete(tree.resolve("etc/os-release"));

        JsonNode summary = lastEvent(Cli.run("inspect", "--progress=json", tree.toString())).path("summary");

        assertEquals("", summary.path("name").asText());
        assertEquals("", summary.path("version").asText());
    }

    @Test
    void aMissingSourceIsTheSameSourceErrorAsInstall() throws Exception {
        Path missing = temp.resolve("nowhere.tar.xz");

        Cli.Result result = Cli.run("inspect", "--progress=json", missing.toString());

        assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        JsonNode error = lastEvent(result);
        assertEquals("error", error.path("event").asText());
        assertEquals("SOURCE", error.path("code").asText());
        assertEquals(ErrorCode.SOURCE.exitCode(), error.path("exitCode").asInt());
        assertTrue(error.path("message").asText().startsWith("source " + missing + " does not exist"), error.toString());
    }

    @Test
    void aFileOfAnUnknownFormatIsRefusedNamingIt() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.img"), "just text\n");

        JsonNode error = lastEvent(Cli.run("inspect", "--progress=json", notes.toString()));

        assertEquals("SOURCE", error.path("code").asText());
        assertTrue(error.path("message").asText().contains(notes + " is not in a format the installer reads"), error.toString());
    }

    @Test
    void withoutASourceItInspectsTheDemoImage() throws Exception {
        // Stands in for build-demo-image.sh: the tree's path on its last stdout line.
        Path script = Files.writeString(temp.resolve("build-demo-image.sh"), "echo building >&2\necho " + tree + "\n");
        System.setProperty(DemoImageBuilder.SCRIPT_PROPERTY, script.toString());

        JsonNode summary = lastEvent(Cli.run("inspect", "--progress=json")).path("summary");

        assertEquals("dir://" + tree, summary.path("uri").asText());
        assertEquals("1.2", summary.path("version").asText());
    }

    @Test
    void aUrlWithNoDigestIsRefusedSayingHowToVerifyItOrOptOut() throws Exception {
        try (ImageServer server = new ImageServer()) {
            server.serve("/os.tar", Files.readAllBytes(tar()));

            Cli.Result result = Cli.run("inspect", "--progress=json", server.url("/os.tar"));

            assertEquals(ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
            assertEquals(server.url("/os.tar") + " has no digest: add #sha256=<hex> to the URL or publish "
                    + server.url("/os.tar.sha256") + "; or pass --allow-unverified to install it unverified (for a source"
                    + " set in config.yaml: allow-unverified: true next to it)", lastEvent(result).path("message").asText());
            assertEquals(List.of("/os.tar.sha256", "/os.tar"), server.requests(), "refused before the image was downloaded"
                    + " (only looked at with HEAD)");
        }
    }

    @Test
    void withAllowUnverifiedTheUrlIsReadWithALoudWarningAndTheSummarySaysUnverified() throws Exception {
        try (ImageServer server = new ImageServer()) {
            server.serve("/os.tar", Files.readAllBytes(tar()));

            Cli.Result result = Cli.run("inspect", "--progress=json", "--allow-unverified", server.url("/os.tar"));

            assertEquals(0, result.exitCode(), result::toString);
            List<JsonNode> warnings = events(result.out()).stream().filter(e -> e.path("event").asText().equals("log")
                    && e.path("level").asText().equals("warn")).toList();
            assertEquals(1, warnings.size(), result.out());
            assertTrue(warnings.get(0).path("message").asText().startsWith("UNVERIFIED IMAGE: " + server.url("/os.tar")
                    + " has no digest"), warnings.get(0).toString());
            JsonNode summary = lastEvent(result).path("summary");
            assertTrue(summary.path("unverified").asBoolean(), summary.toString());
            assertEquals("1.2", summary.path("version").asText());
        }
    }

    @Test
    void aUrlWithItsDigestIsNotMarkedUnverified() throws Exception {
        try (ImageServer server = new ImageServer()) {
            byte[] archive = Files.readAllBytes(tar());
            server.serve("/os.tar", archive).serve("/os.tar.sha256", (sha256(archive) + "  os.tar\n").getBytes());

            Cli.Result result = Cli.run("inspect", "--progress=json", server.url("/os.tar"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of("uri", "name", "version", "bytes", "treeBytes", "digest"),
                    fieldNames(lastEvent(result).path("summary")), "no unverified field");
        }
    }

    private Path tar() {
        Path tar = temp.resolve("os.tar");
        if (!Files.exists(tar)) {
            Tools.run("tar", "-cf", tar.toString(), "-C", tree.toString(), "etc");
        }
        return tar;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anUnknownProgressFormatIsAUsageError() {
        Cli.Result result = Cli.run("inspect", "--progress=xml", tree.toString());

        assertEquals(ErrorCode.USAGE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("invalid --progress 'xml'"), result.err());
    }

    private static JsonNode lastEvent(Cli.Result result) throws IOException {
        List<JsonNode> events = events(result.out());
        assertTrue(!events.isEmpty(), result::toString);
        return events.get(events.size() - 1);
    }

    private static List<JsonNode> events(String out) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.lines().toList()) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
