package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `plan` shows the table, images and the operations, changes nothing, and matches what install runs. */
class PlanIT {

    @TempDir
    Path temp;

    private Path tree() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("os-release"), "NAME=plan\n");
        return tree.getParent();
    }

    @Test
    void planPrintsTableImagesAndCommandsAndWritesNothing() throws Exception {
        Path tree = tree();
        Path image = temp.resolve("disk.img");
        Cli.Result result = Cli.run("plan", "--target", image.toString(), "--size", "8G", "--source", tree.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(Files.exists(image), "plan creates nothing");
        assertEquals("", Tools.run("losetup", "--associated", image.toString()).strip());
        String out = result.out();
        for (String part : List.of("bios", "efi", "oem", "recovery", "state", "persistent", "COS_STATE", "EF02",
                "COS_STATE:/cOS/active.img", "COS_RECOVERY:/cOS/recovery.squashfs", "Operations, in order:",
                "(file) create " + image + " (8.0 GiB, sparse, mode 0600", "losetup --find --show --partscan " + image,
                "losetup --list --noheadings --output BACK-INO,BACK-MAJ:MIN /dev/loopN",
                "sgdisk --zap-all /dev/loopN", "mkfs.ext2 -F -q -L COS_ACTIVE -d " + tree, "(file) write COS_STATE:/state.yaml",
                "losetup --detach /dev/loopN", "COS_STATE holds active + passive + one upgrade of up to")) {
            assertTrue(out.contains(part), "plan shows '" + part + "':\n" + out);
        }
    }

    /** A tar archive too: it is copied into the work directory and unpacked from there, in the plan as in the install. */
    @ParameterizedTest
    @ValueSource(strings = {"dir", "tar.gz"})
    void planJsonListsExactlyTheCommandsTheInstallRuns(String kind) throws Exception {
        Path tree = source(kind);
        Path image = temp.resolve("disk.img");
        Cli.Result plan = Cli.run("plan", "--target", image.toString(), "--size", "8G", "--source", tree.toString(), "--json");
        assertEquals(0, plan.exitCode(), plan::toString);
        JsonNode json = new ObjectMapper().readTree(plan.out());
        assertEquals(8L << 30, json.path("diskBytes").asLong());
        assertEquals("hybrid", json.path("firmware").asText());
        assertEquals(6, json.path("partitions").size());
        assertEquals("state", json.path("partitions").get(4).path("name").asText());
        assertEquals("COS_STATE", json.path("partitions").get(4).path("label").asText());
        List<String> planned = new ArrayList<>();
        for (JsonNode op : json.path("operations")) {
            if (op.path("kind").asText().equals("command")) {
                planned.add(op.path("text").asText());
            }
        }

        Path log = Path.of(System.getProperty("cos.log.file"));
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        Cli.Result install = Cli.run("install", "--target", image.toString(), "--size", "8G", "--source", tree.toString());
        assertEquals(0, install.exitCode(), install::toString);
        assertTrue(install.out().lines().anyMatch(l -> l.startsWith("log:") && l.endsWith(" " + log)), "the log file is named:\n" + install.out());
        byte[] logBytes = Files.readAllBytes(log);
        String thisRun = new String(logBytes, (int) logBefore, logBytes.length - (int) logBefore);
        List<String> ran = thisRun.lines().filter(l -> l.contains(" run: "))
                .map(l -> l.substring(l.indexOf(" run: ") + 6)).toList();
        assertEquals(normalise(planned, image), normalise(ran, image), "install ran what plan listed, in order");
    }

    /**
     * Every source kind plans, as text and as JSON (the wizard's call), with exit 0, and nothing
     * the plan prints says an install happened: "install" as a word of its own is only in the
     * commands' paths and tool names (cos-installer, grub-install), which this pattern leaves out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dir", "tar", "tar.gz", "tar.xz", "tar.zst", "ext4", "squashfs"})
    void everySourceKindPlansAndThePlanNeverSaysInstall(String kind) throws Exception {
        Path source = source(kind);
        Path image = temp.resolve("disk.img");
        for (boolean json : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("plan", "--target", image.toString(), "--size", "4G",
                    "--source", source.toString()));
            if (json) {
                args.add("--json");
            }
            Cli.Result plan = Cli.run(args.toArray(String[]::new));
            assertEquals(0, plan.exitCode(), kind + (json ? " --json" : "") + ": " + plan);
            assertFalse(SAYS_INSTALL.matcher(plan.out() + plan.err()).find(), "a plan never says install:\n" + plan);
            if (json) {
                JsonNode parsed = new ObjectMapper().readTree(plan.out());
                assertTrue(parsed.path("source").path("digest").asText().startsWith("sha256:"), plan.out());
            } else {
                assertTrue(plan.out().contains("Operations, in order:"), plan.out());
            }
        }
        assertFalse(Files.exists(image), "a plan creates nothing");
        assertEquals("", Tools.run("losetup", "--associated", source.toString()).strip(), "nothing left attached");
    }

    /** "install" (or installed, installing, installs) as a word: not inside cos-installer or grub-install. */
    private static final Pattern SAYS_INSTALL = Pattern.compile("(?<![-\\w/.])[Ii]nstall(s|ed|ing|ation)?\\b");

    private Path source(String kind) throws Exception {
        Path tree = tree();
        Path file = temp.resolve("rootfs." + kind);
        switch (kind) {
            case "dir" -> {
                return tree;
            }
            case "tar" -> Tools.run("tar", "-C", tree.toString(), "-cf", file.toString(), ".");
            case "tar.gz" -> Tools.run("tar", "-C", tree.toString(), "-czf", file.toString(), ".");
            case "tar.xz" -> Tools.run("tar", "-C", tree.toString(), "-cJf", file.toString(), ".");
            case "tar.zst" -> Tools.run("tar", "-C", tree.toString(), "--zstd", "-cf", file.toString(), ".");
            case "ext4" -> {
                Tools.run("truncate", "--size", "16M", file.toString());
                Tools.run("mkfs.ext4", "-q", "-d", tree.toString(), file.toString());
            }
            case "squashfs" -> Tools.run("mksquashfs", tree.toString(), file.toString(), "-noappend", "-quiet");
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    /** The plan cannot know the loop device or the private mount directory: compare with those masked. */
    private static List<String> normalise(List<String> commands, Path image) {
        return commands.stream()
                .filter(c -> !c.startsWith("losetup --associated") && !c.startsWith("blockdev") && !c.startsWith("lsblk"))
                .map(c -> c.replaceAll("/dev/loop(\\d+|N)", "/dev/loopX")
                        .replaceAll("/(run/cos-installer/install-|tmp/cos-installer-plan-)[^/ ]+(/mnt)?", "/MNT"))
                .toList();
    }
}
