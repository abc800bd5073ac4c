package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** An installed disk image file and versioned source trees, read back with independent tools. */
public final class UpgradeFixture {

    public final Path dir;
    public final Path image;

    public UpgradeFixture(Path dir) {
        this.dir = dir;
        this.image = dir.resolve("disk.img");
    }

    /** A small system tree whose os-release says VERSION_ID=version. */
    public Path tree(String version) {
        Path tree = dir.resolve("tree-" + version);
        try {
            if (!Files.exists(tree)) {
                Files.createDirectories(tree.resolve("etc"));
                Files.createDirectories(tree.resolve("usr/bin"));
                Files.writeString(tree.resolve("etc/os-release"), "NAME=Demo\nVERSION_ID=" + version + "\n");
                byte[] payload = new byte[1 << 20];
                new Random(version.hashCode()).nextBytes(payload);
                Files.write(tree.resolve("usr/bin/payload"), payload);
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void install(String version) {
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "3G", "--source",
                tree(version).toString());
        assertEquals(0, result.exitCode(), result::toString);
    }

    public Cli.Result upgrade(String asBooted, String version, String... more) {
        String[] base = {"upgrade", "--target", image.toString(), "--as-booted", asBooted, "--source", tree(version).toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    public GptDisk disk() {
        return GptDisk.read(image);
    }

    /** Copies an image file out of COS_STATE or COS_RECOVERY; empty path name when it is missing. */
    public Path dump(String partition, String name) {
        Path out = dir.resolve("dumped-" + partition + "-" + name);
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        disk().dump(partition, "/cOS/" + name, out);
        return out;
    }

    public boolean exists(String partition, String name) {
        return Tools.run("debugfs", "-R", "ls -l /cOS", disk().extPath(partition)).contains(" " + name + " ")
                || Tools.run("debugfs", "-R", "ls /cOS", disk().extPath(partition)).contains(name);
    }

    /** VERSION_ID inside an ext2 image file, read by debugfs. */
    public static String extVersion(Path imageFile) {
        return version(Tools.run("debugfs", "-R", "cat /etc/os-release", imageFile.toString()));
    }

    public static String squashfsVersion(Path imageFile) {
        return version(Tools.run("unsquashfs", "-cat", imageFile.toString(), "/etc/os-release"));
    }

    public static String version(String osRelease) {
        Matcher m = Pattern.compile("(?m)^VERSION_ID=(.*)$").matcher(osRelease);
        return m.find() ? m.group(1) : "";
    }

    public static String label(Path imageFile) {
        return Tools.run("blkid", "-p", "-s", "LABEL", "-o", "value", imageFile.toString()).strip();
    }

    public JsonNode state(String partition) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(disk().cat(partition, "/state.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sha256 digest state.yaml records for a directory source (the scan's manifest digest). */
    public static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Digests of both images and state.yaml: what a refused or failed upgrade must not change. */
    public String imagesFingerprint() {
        return sha256(dump("state", "active.img")) + " " + sha256(dump("state", "passive.img")) + " "
                + disk().cat("state", "/state.yaml");
    }

    /** An offline upgrade of this disk, booted from active, from {@code source}, with JSON progress. */
    public Cli.Result upgradeFrom(String source, String... more) {
        List<String> args = new ArrayList<>(List.of("upgrade", "--target", image.toString(),
                "--as-booted", "active", "--source", source, "--progress", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Nothing a download or pull made is left: not in {@code downloads}, not on COS_STATE, no loop device. */
    public void assertNothingDownloadedLeft(Path downloads) throws IOException {
        try (Stream<Path> left = Files.list(downloads)) {
            assertEquals(List.of(), left.toList(), "nothing left in the temp directory " + downloads);
        }
        assertFalse(Tools.run("debugfs", "-R", "ls /", disk().extPath("state"))
                .contains(UpgradeJob.DOWNLOAD_DIR), "no download or pulled tree left on COS_STATE");
        assertNothingLeftAttached();
    }

    public void assertNothingLeftAttached() {
        assertEquals("", Tools.run("losetup", "--associated", image.toString()).strip(), "no loop device left on " + image);
    }
}
