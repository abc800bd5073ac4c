package dev.cos.installer.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.upgrade.UpgradeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diagnose, repair, rollback --swap, the rehearsal request and the history on a real installed disk
 * image file (loop devices, as root), damaged and checked with independent tools (e2fsck, debugfs,
 * mtools, grub-editenv). One install serves the whole story, in the order a user would go.
 */
class RepairIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static void assertExit(int expected, Cli.Result result) {
        assertEquals(expected, result.exitCode(), result::toString);
    }

    private JsonNode json(Cli.Result result) throws IOException {
        return JSON.readTree(result.out());
    }

    private static List<String> partitionResults(JsonNode diagnosis) {
        List<String> results = new ArrayList<>();
        diagnosis.path("partitions").forEach(p -> results.add(p.path("partition").asText() + "=" + p.path("result").asText()));
        return results;
    }

    @Test
    void diagnoseRepairRollBackAndRehearseOnAnInstalledDisk() throws IOException {
        UpgradeFixture fx = new UpgradeFixture(temp);
        fx.install("1");
        String image = fx.image.toString();

        // A healthy disk: every partition and image clean, GRUB's files there, exit 0.
        Cli.Result healthy = Cli.run("diagnose", "--target", image, "--json");
        assertExit(0, healthy);
        JsonNode diagnosis = json(healthy);
        assertTrue(diagnosis.path("healthy").asBoolean(), healthy::toString);
        assertEquals(List.of("efi=clean", "oem=clean", "recovery=clean", "state=clean", "persistent=clean"),
                partitionResults(diagnosis));
        diagnosis.path("images").forEach(i -> assertEquals("clean", i.path("result").asText(), i.toString()));
        diagnosis.path("bootFiles").forEach(f -> assertTrue(f.path("present").asBoolean(), f.toString()));
        fx.assertNothingLeftAttached();

        // COS_OEM damaged: a file's inode cleared behind its directory entry.
        GptDisk disk = fx.disk();
        Path note = Files.writeString(temp.resolve("note"), "a note\n");
        Tools.run("debugfs", "-w", "-R", "write " + note + " /note", disk.extPath("oem"));
        Tools.run("debugfs", "-w", "-R", "clri /note", disk.extPath("oem"));
        assertEquals(4, Tools.execute("e2fsck", "-fn", disk.extPath("oem")).exitCode(), "damaged, says e2fsck itself");
        Cli.Result damaged = Cli.run("diagnose", "--target", image, "--json");
        assertExit(1, damaged);
        diagnosis = json(damaged);
        assertFalse(diagnosis.path("healthy").asBoolean());
        assertEquals("oem=errors", partitionResults(diagnosis).get(1), damaged::toString);
        assertEquals("fsck", diagnosis.at("/findings/0/action").asText(), damaged::toString);

        // Preen stops at what needs a decision; --yes-fix repairs it; e2fsck -fn is clean again.
        Cli.Result preen = Cli.run("repair", "--target", image, "--fsck", "--partition", "COS_OEM", "--progress=json");
        if (preen.exitCode() != 0) {
            assertExit(ErrorCode.FILESYSTEM.exitCode(), preen);
            assertTrue(preen.err().contains("--yes-fix"), preen::toString);
            Cli.Result yes = Cli.run("repair", "--target", image, "--fsck", "--partition", "COS_OEM", "--yes-fix",
                    "--progress=json");
            assertExit(0, yes);
            assertTrue(yes.out().contains("\"step\":\"fsck\""), yes::toString);
        }
        assertEquals(0, Tools.execute("e2fsck", "-fn", disk.extPath("oem")).exitCode(), "COS_OEM is clean");
        fx.assertNothingLeftAttached();

        // The EFI binary deleted from the ESP (mtools): diagnose says so, repair --bootloader puts it back.
        String esp = image + "@@" + disk.byName("efi").offsetBytes();
        Tools.run("mdel", "-i", esp, "::/EFI/BOOT/BOOTX64.EFI");
        assertFalse(Tools.execute("mdir", "-b", "-i", esp, "::/EFI/BOOT").stdout().contains("BOOTX64"));
        diagnosis = json(Cli.run("diagnose", "--target", image, "--json"));
        assertTrue(diagnosis.path("findings").toString().contains("COS_GRUB:/EFI/BOOT/BOOTX64.EFI"), diagnosis::toString);
        assertExit(0, Cli.run("repair", "--target", image, "--bootloader"));
        assertTrue(Tools.run("mdir", "-b", "-i", esp, "::/EFI/BOOT").contains("BOOTX64"), "the EFI binary is back");

        // The GRUB environment: counters, next_entry and extra_cmdline reset, saved_entry kept, same 1024 bytes.
        OfflineDisk offline = new OfflineDisk(fx.image, temp.resolve("work"));
        Files.createDirectories(temp.resolve("work"));
        offline.setGrubenv("saved_entry=fallback", "next_entry=recovery", "cos_tries_active=xx", "extra_cmdline=quiet");
        assertExit(0, Cli.run("repair", "--target", image, "--grub-env"));
        assertEquals(Map.of("saved_entry", "fallback"), offline.grubenv());
        assertEquals(1024, fx.disk().cat("oem", "/grubenv").length());
        assertTrue(json(Cli.run("diagnose", "--target", image, "--json")).path("healthy").asBoolean());

        // Upgrade to 2, then roll back: active is 1 again, passive 2; state.yaml and status follow.
        assertExit(0, fx.upgrade("active", "2"));
        Cli.Result rollback = Cli.run("rollback", "--target", image, "--swap", "--progress=json");
        assertExit(0, rollback);
        assertEquals("1", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
        assertEquals("2", UpgradeFixture.extVersion(fx.dump("state", "passive.img")));
        assertEquals("COS_ACTIVE", UpgradeFixture.label(fx.dump("state", "active.img")));
        assertEquals("COS_PASSIVE", UpgradeFixture.label(fx.dump("state", "passive.img")));
        assertFalse(fx.exists("state", "rollback.img") || fx.exists("state", "rollback.pending.yaml"));
        assertEquals(fx.state("state"), fx.state("recovery"));
        assertEquals("dir://" + fx.tree("1"), fx.state("state").at("/state/active/source").asText());
        assertNotEquals(fx.state("state").at("/state/active/source"), fx.state("state").at("/state/passive/source"));
        assertEquals(Map.of(), offline.grubenv(), "saved_entry=fallback would now prefer 2: removed");

        // A rehearsal request, then status: pending, with the history of everything above.
        assertExit(0, Cli.run("bootentry", "--target", image, "--select", "passive", "--once", "--rehearsal"));
        Map<String, String> env = offline.grubenv();
        assertEquals("fallback", env.get("next_entry"));
        assertEquals("pending", env.get("cos_rehearsal"));
        Path config = Files.writeString(temp.resolve("config.yaml"), "upgrade:\n  system:\n    uri: dir:///srv/next\n");
        Cli.Result status = Cli.run("status", "--target", image, "--json", "--config", config.toString());
        assertExit(0, status);
        JsonNode root = json(status);
        assertEquals("pending", root.at("/rehearsal/result").asText(), status::toString);
        assertEquals(env.get("cos_rehearsal_at"), root.at("/rehearsal/requestedAt").asText());
        List<String> kinds = new ArrayList<>();
        root.path("history").forEach(e -> kinds.add(e.path("kind").asText()));
        // fsck (a failed preen records nothing), bootloader, grub-env: three repairs.
        assertEquals(List.of("install", "repair", "repair", "repair", "upgrade", "rollback", "rehearsal-requested"), kinds,
                status::toString);
        JsonNode upgrade = root.path("history").get(kinds.indexOf("upgrade"));
        assertEquals("2", upgrade.path("version").asText(), upgrade::toString);
        assertEquals("dir://" + fx.tree("1"), upgrade.path("fromSource").asText());
        assertTrue(root.path("history").get(0).path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"));
        assertTrue(root.path("fallback").isNull(), "an offline disk reports no fallback as booted offline");
        assertEquals("dir:///srv/next", root.path("upgradeSource").asText(), status::toString);
        fx.assertNothingLeftAttached();
        for (String partition : List.of("state", "recovery", "oem", "persistent")) {
            assertEquals(0, Tools.execute("e2fsck", "-fn", fx.disk().extPath(partition)).exitCode(), partition + " clean");
        }
    }
}
