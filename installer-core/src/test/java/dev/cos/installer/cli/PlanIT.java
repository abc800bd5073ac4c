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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void planJsonListsExactlyTheCommandsTheInstallRuns() throws Exception {
        Path tree = tree();
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

    /** The plan cannot know the loop device or the private mount directory: compare with those masked. */
    private static List<String> normalise(List<String> commands, Path image) {
        return commands.stream()
                .filter(c -> !c.startsWith("losetup --associated") && !c.startsWith("blockdev") && !c.startsWith("lsblk"))
                .map(c -> c.replaceAll("/dev/loop(\\d+|N)", "/dev/loopX")
                        .replaceAll("/(run/cos-installer/install-|tmp/cos-installer-plan-)[^/ ]+(/mnt)?", "/MNT"))
                .toList();
    }
}
