package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.RootTreeFixture;
import dev.cos.installer.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} of real sources (as root): a directory and a tar.xz give the digest a real install of
 * the same source records in state.yaml; squashfs and ext images give their os-release through the
 * real unsquashfs and debugfs.
 */
class InspectIT {

    private static final String OS_RELEASE = "NAME=\"Inspect OS\"\nPRETTY_NAME=\"Inspect OS 4.2 (IT)\"\nVERSION_ID=4.2\n";

    @TempDir
    Path temp;

    private Path tree;

    @BeforeEach
    void tree() throws Exception {
        tree = RootTreeFixture.build(temp.resolve("tree"), OS_RELEASE);
    }

    @Test
    void aDirectoryHasTheDigestItsInstallRecords() throws Exception {
        JsonNode summary = inspect(tree.toString());

        assertEquals("dir://" + tree, summary.path("uri").asText());
        assertNameAndVersion(summary);
        assertEquals(installedDigest(tree.toString()), summary.path("digest").asText());
    }

    @Test
    void aTarXzHasTheDigestItsInstallRecords() throws Exception {
        Path archive = temp.resolve("rootfs.tar.xz");
        Tools.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-cJf", archive.toString(), "-C",
                tree.toString(), ".");

        JsonNode summary = inspect(archive.toString());

        assertEquals("file://" + archive, summary.path("uri").asText());
        assertNameAndVersion(summary);
        assertEquals(Files.size(archive), summary.path("bytes").asLong());
        assertEquals("sha256:" + Tools.run("sha256sum", archive.toString()).split(" ")[0], summary.path("digest").asText());
        assertEquals(installedDigest(archive.toString()), summary.path("digest").asText());
    }

    @Test
    void squashfsAndExtImagesNameTheirSystem() throws Exception {
        Path squashfs = temp.resolve("root.squashfs");
        Tools.run("mksquashfs", tree.toString(), squashfs.toString(), "-noappend", "-quiet");
        Path ext = temp.resolve("root.img");
        Tools.run("mkfs.ext2", "-q", "-F", "-d", tree.toString(), ext.toString(), "64M");
        String extBefore = Tools.run("sha256sum", ext.toString());

        for (Path image : List.of(squashfs, ext)) {
            JsonNode summary = inspect(image.toString());
            assertNameAndVersion(summary);
            assertEquals("sha256:" + Tools.run("sha256sum", image.toString()).split(" ")[0], summary.path("digest").asText());
        }
        assertEquals(extBefore, Tools.run("sha256sum", ext.toString()), "inspect leaves the ext image untouched");
    }

    private static void assertNameAndVersion(JsonNode summary) {
        assertEquals("Inspect OS 4.2 (IT)", summary.path("name").asText(), summary.toString());
        assertEquals("4.2", summary.path("version").asText(), summary.toString());
    }

    private static JsonNode inspect(String source) throws Exception {
        Cli.Result result = Cli.run("inspect", "--progress=json", source);
        assertEquals(0, result.exitCode(), result::toString);
        List<String> lines = result.out().lines().toList();
        ObjectMapper json = new ObjectMapper();
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"progress\"") && l.contains("\"step\":\"verify\"")),
                "verify progress: " + result.out());
        JsonNode last = json.readTree(lines.get(lines.size() - 1));
        assertEquals("result", last.path("event").asText(), result::toString);
        return last.path("summary");
    }

    /** Installs {@code source} onto a new image file and returns the digest its state.yaml records. */
    private String installedDigest(String source) throws Exception {
        Path image = temp.resolve("disk-" + Math.abs(source.hashCode()) + ".img");
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "4G", "--source", source);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", Tools.run("losetup", "--associated", image.toString()).strip(), "no loop device left on " + image);
        JsonNode state = new ObjectMapper(new YAMLFactory()).readTree(GptDisk.read(image).cat("state", "/state.yaml"));
        return state.at("/state/active/source-metadata/digest").asText();
    }
}
