package dev.cos.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real CLI: each gets a message that names the problem, its exit code, and
 * leaves the target exactly as it was (a new image file is not even created).
 */
class InstallBadInputIT {

    @TempDir
    Path temp;

    private Path tree;
    private Path newImage;

    @BeforeEach
    void setUp() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("os-release"), "NAME=demo\n");
        tree = tree.getParent();
        newImage = temp.resolve("new.img");
    }

    private static void assertRefused(Cli.Result result, int exitCode, String... messageParts) {
        assertEquals(exitCode, result.exitCode(), result::toString);
        for (String part : messageParts) {
            assertTrue(result.err().contains(part), "stderr names '" + part + "':\n" + result);
        }
    }

    /** An existing image file with recognisable content, to prove it is not touched. */
    private Path existingImage(long bytes) throws IOException {
        Path image = temp.resolve("existing.img");
        try (OutputStream out = Files.newOutputStream(image)) {
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 0x5a);
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
        }
        return image;
    }

    @Test
    void newImageTooSmallGivesTheMinimumAndCreatesNothing() {
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--size", "1G", "--source", tree.toString());
        assertRefused(result, 48, "the target is 1.0 GiB (1024 MiB) but this install needs at least");
        assertFalse(Files.exists(newImage));
    }

    @Test
    void existingImageTooSmallIsUntouched() throws Exception {
        Path image = existingImage(512L << 20);
        String before = InstallIT.sha256(image);
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--yes", "--source", tree.toString());
        assertRefused(result, 48, "needs at least");
        assertEquals(before, InstallIT.sha256(image));
    }

    @Test
    void missingTargetWithoutSizeSaysHowToCreateIt() {
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--source", tree.toString());
        assertRefused(result, 47, "does not exist", "--size 8G");
        assertFalse(Files.exists(newImage));
    }

    @Test
    void existingImageNeedsConfirmation() throws Exception {
        Path image = existingImage(64L << 20);
        String before = InstallIT.sha256(image);
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--source", tree.toString());
        assertRefused(result, 47, "will be erased", "--yes");
        assertEquals(before, InstallIT.sha256(image));
    }

    @Test
    void blockDeviceWithAMountedFilesystemIsRefusedAndUntouched() throws Exception {
        Path backing = temp.resolve("mounted.img");
        Tools.run("truncate", "--size", "64M", backing.toString());
        String loop = Tools.run("losetup", "--find", "--show", backing.toString()).strip();
        Path mountPoint = Files.createDirectories(temp.resolve("mnt"));
        boolean mounted = false;
        try {
            Tools.run("mkfs.ext4", "-q", "-E", "lazy_itable_init=0,lazy_journal_init=0", loop);
            Tools.run("mount", "-o", "ro", loop, mountPoint.toString());
            mounted = true;
            String before = InstallIT.sha256(backing);
            Cli.Result result = Cli.run("install", "--target", loop, "--yes", "--source", tree.toString());
            assertRefused(result, 47, "refusing to install to " + loop, mountPoint.toString());
            assertEquals(before, InstallIT.sha256(backing), "the disk is unchanged");

            Tools.run("umount", mountPoint.toString());
            mounted = false;
            before = InstallIT.sha256(backing);
            Cli.Result unconfirmed = Cli.run("install", "--target", loop, "--source", tree.toString());
            assertRefused(unconfirmed, 47, "everything on " + loop + " will be erased: add --yes");
            assertEquals(before, InstallIT.sha256(backing));
        } finally {
            if (mounted) {
                Tools.execute("umount", mountPoint.toString());
            }
            Tools.execute("losetup", "--detach", loop);
        }
    }

    @Test
    void missingSourceIsNamed() {
        Path missing = temp.resolve("no-such-rootfs.tar.gz");
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--size", "8G", "--source", missing.toString());
        assertRefused(result, 50, missing.toString(), "does not exist");
        assertFalse(Files.exists(newImage));
    }

    @Test
    void corruptTarIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path good = temp.resolve("good.tar.gz");
        Tools.run("tar", "-czf", good.toString(), "-C", tree.toString(), ".");
        Files.write(temp.resolve("payload"), new byte[2 << 20]);
        Tools.run("tar", "-czf", good.toString(), "-C", temp.toString(), "tree", "payload");
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(temp.resolve("truncated.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--size", "8G", "--source", truncated.toString());
        assertRefused(result, 50, "corrupt or truncated");
        assertFalse(Files.exists(newImage));
    }

    @Test
    void tarWithAnEntryEscapingTheTreeIsRefused() throws Exception {
        Path evil = temp.resolve("evil.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(evil)))) {
            byte[] content = "pwned\n".getBytes();
            TarArchiveEntry entry = new TarArchiveEntry("etc/../../evil");
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--size", "8G", "--source", evil.toString());
        assertRefused(result, 50, "etc/../../evil");
        assertFalse(Files.exists(newImage));
        assertFalse(Files.exists(temp.resolve("evil")));
    }

    @Test
    void malformedConfigNamesFileAndLine() throws Exception {
        Path config = Files.writeString(temp.resolve("config.yaml"), "install:\n  target: /tmp/x.img\n  firmware: [efi\n");
        Cli.Result result = Cli.run("install", "--config", config.toString(), "--size", "8G", "--source", tree.toString());
        assertRefused(result, 33, config.toString(), "line");
        assertFalse(Files.exists(Path.of("/tmp/x.img")));
    }

    @Test
    void misspeltConfigKeyIsRefused() throws Exception {
        Path config = Files.writeString(temp.resolve("config.yaml"),
                "install:\n  target: " + newImage + "\n  partitons:\n    state:\n      size: 9000\n");
        Cli.Result result = Cli.run("install", "--config", config.toString(), "--size", "8G", "--source", tree.toString());
        assertRefused(result, 33, "partitons");
        assertFalse(Files.exists(newImage));
    }

    @Test
    void unknownOptionValuesAreUsageErrors() {
        for (List<String> option : List.of(List.of("--firmware", "uefi"), List.of("--recovery-fs", "zfs"),
                List.of("--squash-compression", "zstd"), List.of("--part-size", "state=big"), List.of("--size", "lots"),
                List.of("--boot-tries", "0"))) {
            String[] args = {"install", "--target", newImage.toString(), "--source", tree.toString(), option.get(0), option.get(1)};
            Cli.Result result = Cli.run(args);
            assertEquals(2, result.exitCode(), option + "\n" + result);
            assertTrue(result.err().contains(option.get(1)) || result.err().contains(option.get(0)), option + "\n" + result);
            assertFalse(Files.exists(newImage));
        }
    }

    @Test
    void jsonProgressEndsWithAnErrorEventCarryingTheCode() throws Exception {
        Cli.Result result = Cli.run("install", "--target", newImage.toString(), "--size", "1G", "--source", tree.toString(),
                "--progress=json");
        assertEquals(48, result.exitCode());
        List<String> lines = result.out().lines().toList();
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("error", last.path("event").asText());
        assertEquals("TARGET_TOO_SMALL", last.path("code").asText());
        assertEquals(48, last.path("exitCode").asInt());
        assertTrue(last.path("message").asText().contains("needs at least"));
    }
}
