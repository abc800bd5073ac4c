package dev.cos.installer.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.upgrade.UpgradeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real offline resets of an installed disk image file (as root, loop devices), checked with
 * independent tools: debugfs, blkid, e2fsck, sfdisk, the YAML of both state.yaml copies and
 * {@code status --json}. One install serves every check, in the order a user would go.
 */
class ResetIT {

    @TempDir
    Path temp;

    private static void assertExit(int expected, Cli.Result result) {
        assertEquals(expected, result.exitCode(), result::toString);
    }

    @Test
    void resetRedeploysTheRecoverySystemKeepsPersistentUnlessAskedAndNeverTouchesTheRecoveryImage() throws IOException {
        UpgradeFixture fx = new UpgradeFixture(temp);
        fx.install("1");
        assertExit(0, fx.upgrade("active", "2"));
        assertExit(0, fx.upgrade("active", "3"));
        putFile(fx.disk(), "persistent", "/kept-by-reset", "user data\n");
        Map<String, String> recoveryBefore = recoveryFiles(fx);
        String grubEnvBefore = fx.disk().cat("oem", "/grubenv");

        // Only from recovery: booted as active it is refused before anything changes.
        Cli.Result refused = Cli.run("reset", "--target", fx.image.toString(), "--as-booted", "active");
        assertExit(ErrorCode.NOT_IN_RECOVERY.exitCode(), refused);
        assertTrue(refused.err().contains("only runs booted from recovery"), refused::toString);
        assertEquals("3", UpgradeFixture.extVersion(fx.dump("state", "active.img")));

        Cli.Result reset = Cli.run("reset", "--target", fx.image.toString(), "--as-booted", "recovery", "--progress=json");
        assertExit(0, reset);
        assertTrue(reset.out().contains("\"step\":\"format-state\""), reset::toString);
        fx.assertNothingLeftAttached();

        GptDisk disk = fx.disk();
        for (String partition : List.of("state", "recovery", "oem", "persistent")) {
            assertEquals(0, Tools.execute("e2fsck", "-fn", disk.extPath(partition)).exitCode(), partition + " is clean");
        }
        assertTrue(disk.blkid("state").contains("LABEL=COS_STATE"), disk.blkid("state"));
        Path active = fx.dump("state", "active.img");
        Path passive = fx.dump("state", "passive.img");
        assertEquals("1", UpgradeFixture.extVersion(active), "active is the recovery system (version 1) again");
        assertEquals("1", UpgradeFixture.extVersion(passive));
        assertEquals("COS_ACTIVE", UpgradeFixture.label(active));
        assertEquals("COS_PASSIVE", UpgradeFixture.label(passive));
        assertFalse(fx.exists("state", "transition.img"));
        assertTrue(disk.cat("state", "/grub_oem_env").contains("state_label=COS_STATE"), "grub_oem_env rewritten");
        assertTrue(disk.cat("state", "/grub2/grub.cfg").contains("menuentry"), "GRUB's config is back on COS_STATE");
        assertTrue(Tools.run("mdir", "-i", fx.image + "@@" + disk.byName("efi").offsetBytes(), "::/EFI/BOOT")
                .contains("BOOTX64"), "the EFI binary is on the ESP");
        assertEquals("user data\n", disk.cat("persistent", "/kept-by-reset"), "COS_PERSISTENT kept its files");
        assertEquals(List.of("install", "upgrade", "upgrade", "reset"), dev.cos.installer.history.HistoryLog
                .parse(disk.cat("state", "/history.jsonl")).stream().map(e -> e.kind()).toList(),
                "the history outlives the reformat of COS_STATE");
        assertEquals(grubEnvBefore, disk.cat("oem", "/grubenv"), "COS_OEM kept its files");
        assertRecoveryUntouched(fx, recoveryBefore);
        for (String partition : List.of("state", "recovery")) {
            JsonNode state = fx.state(partition);
            assertEquals(state.at("/recovery/recovery/source").asText(), state.at("/state/active/source").asText(),
                    partition + ":/state.yaml: active comes from the recovery image's source");
            assertEquals("COS_PASSIVE", state.at("/state/passive/label").asText());
            assertEquals(fx.state("state"), state, "both copies agree");
        }
        JsonNode status = new ObjectMapper().readTree(Cli.run("status", "--target", fx.image.toString(), "--json").out());
        assertEquals("1", status.at("/images/active/version").asText(), status::toString);
        assertEquals("1", status.at("/images/passive/version").asText());
        assertEquals("1", status.at("/images/recovery/version").asText());

        // With --reset-persistent (and --reset-oem) from another source: the files are gone, GRUB's block is there.
        assertExit(0, Cli.run("reset", "--target", fx.image.toString(), "--as-booted", "recovery", "--reset-persistent",
                "--reset-oem", "--source", fx.tree("4").toString()));
        disk = fx.disk();
        assertFalse(debugfsLs(disk, "persistent").contains("kept-by-reset"), "COS_PERSISTENT was reformatted");
        assertTrue(disk.blkid("persistent").contains("LABEL=COS_PERSISTENT"), disk.blkid("persistent"));
        assertTrue(disk.blkid("oem").contains("LABEL=COS_OEM"), disk.blkid("oem"));
        assertEquals(1024, disk.cat("oem", "/grubenv").length(), "COS_OEM:/grubenv exists for GRUB's save_env");
        assertEquals("4", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
        assertEquals("dir://" + fx.tree("4"), fx.state("recovery").at("/state/active/source").asText());
        assertRecoveryUntouched(fx, recoveryBefore);
        for (String partition : List.of("state", "recovery", "oem", "persistent")) {
            assertEquals(0, Tools.execute("e2fsck", "-fn", disk.extPath(partition)).exitCode(), partition + " is clean");
        }
        fx.assertNothingLeftAttached();
    }

    /**
     * Every file of COS_RECOVERY but state.yaml (which reset rewrites, as both copies describe the
     * system) with its sha256: the recovery image and everything else stay byte for byte.
     */
    private static Map<String, String> recoveryFiles(UpgradeFixture fx) throws IOException {
        Map<String, String> files = new TreeMap<>();
        // grub2/grub.cfg is rewritten by the reset (the copy GRUB falls back to), with the same bytes.
        for (String path : List.of("/cOS/recovery.squashfs", "/grub2/grub.cfg")) {
            Path copy = fx.dir.resolve("recovery-file");
            Files.deleteIfExists(copy);
            fx.disk().dump("recovery", path, copy);
            files.put(path, UpgradeFixture.sha256(copy));
        }
        files.put("ls /", withoutStateYamlLine(debugfsLs(fx.disk(), "recovery")));
        files.put("ls /cOS", Tools.run("debugfs", "-R", "ls /cOS", fx.disk().extPath("recovery")));
        return files;
    }

    /**
     * The listing without state.yaml and grub2 (rewritten; grub.cfg is compared by content) and the
     * root directory itself (. and .. : its times change with it).
     */
    private static String withoutStateYamlLine(String ls) {
        return String.join("\n", ls.lines().map(String::strip)
                .filter(line -> !line.endsWith(" state.yaml") && !line.endsWith(" grub2") && !line.endsWith(" .")
                        && !line.endsWith(" ..") && !line.isEmpty()).toList());
    }

    private static void assertRecoveryUntouched(UpgradeFixture fx, Map<String, String> before) throws IOException {
        assertEquals(before, recoveryFiles(fx), "COS_RECOVERY's files (but state.yaml) are unchanged");
    }

    private static String debugfsLs(GptDisk disk, String partition) {
        return Tools.run("debugfs", "-R", "ls -l /", disk.extPath(partition));
    }

    private static void putFile(GptDisk disk, String partition, String path, String text) throws IOException {
        Path file = Files.writeString(disk.image().resolveSibling("put-" + partition), text);
        Tools.run("debugfs", "-w", "-R", "write " + file + " " + path, disk.extPath(partition));
    }
}
