package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Tools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real offline upgrades of installed disk image files (as root, loop devices), checked with
 * independent tools: debugfs, unsquashfs, blkid, e2fsck, and the YAML of both state.yaml copies.
 */
class UpgradeIT {

    @TempDir
    Path temp;

    private UpgradeFixture fx;

    @BeforeEach
    void install() {
        fx = new UpgradeFixture(temp);
        fx.install("1");
    }

    @Test
    void upgradeFromActiveKeepsItAsPassiveOnlyOnceItHasBootedSoPassiveIsTheLastKnownGood() throws Exception {
        Cli.Result result = fx.upgrade("active", "2");
        assertEquals(0, result.exitCode(), result::toString);
        fx.assertNothingLeftAttached();
        assertSlots("2", "1");
        assertFalse(fx.exists("state", "transition.img"), "no transition.img left");
        for (String partition : List.of("state", "recovery")) {
            JsonNode state = fx.state(partition);
            assertEquals("dir://" + fx.tree("2"), state.at("/state/active/source").asText(), partition);
            assertEquals("dir://" + fx.tree("1"), state.at("/state/passive/source").asText(), partition);
            assertEquals("COS_PASSIVE", state.at("/state/passive/label").asText());
            assertTrue(result.out().contains(state.at("/state/active/source-metadata/digest").asText()),
                    "state.yaml records the digest the upgrade reported: " + result.out());
        }
        JsonNode status = new ObjectMapper().readTree(Cli.run("status", "--target", fx.image.toString(), "--json").out());
        assertEquals("offline", status.path("booted").asText());
        assertEquals("2", status.at("/images/active/version").asText());
        assertEquals("1", status.at("/images/passive/version").asText());
        assertEquals("1", status.at("/images/recovery/version").asText());
        assertTrue(status.path("nextUpgradeFits").asBoolean(), status::toString);

        // Issue 13, item 2: no boot since, so 2 never came up; a second upgrade replaces active only.
        Cli.Result again = fx.upgrade("active", "3");
        assertEquals(0, again.exitCode(), again::toString);
        assertSlots("3", "1");
        assertEquals("dir://" + fx.tree("1"), fx.state("state").at("/state/passive/source").asText(),
                "1, the last system known to boot, stays passive");
        JsonNode history = statusJson().path("history");
        assertEquals("kept", history.get(history.size() - 1).path("passive").asText(), history::toString);

        // The booted system records the filesystem it came up from (docs/boot.md): 1, now passive.
        OfflineDisk disk = new OfflineDisk(fx.image, temp);
        disk.setGrubenv("cos_good_uuid=" + uuid(fx.dump("state", "passive.img")));
        JsonNode restart = statusJson();
        assertEquals("restart needed: 3 installed, 1 running", restart.at("/restart/sentence").asText(), restart::toString);
        assertTrue(Cli.run("status", "--target", fx.image.toString()).out().contains("restart needed: 3 installed, 1 running"));

        // Once 3 came up, it is the last known good: the next upgrade moves it to passive and drops 1.
        disk.setGrubenv("cos_good_uuid=" + uuid(fx.dump("state", "active.img")));
        assertTrue(statusJson().path("restart").isNull(), "3 runs: no restart needed");
        assertEquals(0, fx.upgrade("active", "4").exitCode());
        assertSlots("4", "3");
        assertEquals("dir://" + fx.tree("3"), fx.state("state").at("/state/passive/source").asText(), "version 1 is gone");
    }

    private JsonNode statusJson() throws Exception {
        Cli.Result result = Cli.run("status", "--target", fx.image.toString(), "--json");
        assertEquals(0, result.exitCode(), result::toString);
        return new ObjectMapper().readTree(result.out());
    }

    /** The ext2 filesystem UUID of an image file, by blkid. */
    private static String uuid(Path image) {
        return Tools.run("blkid", "-p", "-o", "value", "-s", "UUID", image.toString()).strip();
    }

    @Test
    void upgradeAsBootedFromPassiveReplacesActiveAndLeavesPassiveByteIdentical() {
        assertEquals(0, fx.upgrade("active", "2").exitCode());
        String passiveBefore = UpgradeFixture.sha256(fx.dump("state", "passive.img"));

        Cli.Result result = fx.upgrade("passive", "3");
        assertEquals(0, result.exitCode(), result::toString);
        assertSlots("3", "1");
        assertEquals(passiveBefore, UpgradeFixture.sha256(fx.dump("state", "passive.img")), "passive is byte-identical");
        assertEquals("dir://" + fx.tree("1"), fx.state("recovery").at("/state/passive/source").asText());
    }

    @Test
    void recoveryUpgradeReplacesOnlyTheRecoveryImage() {
        String activeBefore = UpgradeFixture.sha256(fx.dump("state", "active.img"));
        String passiveBefore = UpgradeFixture.sha256(fx.dump("state", "passive.img"));

        Cli.Result result = fx.upgrade("active", "2", "--recovery");
        assertEquals(0, result.exitCode(), result::toString);
        fx.assertNothingLeftAttached();
        Path recovery = fx.dump("recovery", "recovery.squashfs");
        assertEquals("2", UpgradeFixture.squashfsVersion(recovery));
        assertTrue(Tools.run("unsquashfs", "-s", recovery.toString()).contains("Compression gzip"), "same compression");
        assertFalse(fx.exists("recovery", "transition.squashfs"));
        assertEquals(activeBefore, UpgradeFixture.sha256(fx.dump("state", "active.img")));
        assertEquals(passiveBefore, UpgradeFixture.sha256(fx.dump("state", "passive.img")));
        for (String partition : List.of("state", "recovery")) {
            JsonNode state = fx.state(partition);
            assertEquals("dir://" + fx.tree("2"), state.at("/recovery/recovery/source").asText());
            assertEquals("dir://" + fx.tree("1"), state.at("/state/active/source").asText());
        }
    }

    @Test
    void bootentrySetsNextEntryOrSavedEntryInPlace() {
        String inodeBefore = Tools.run("debugfs", "-R", "stat /grubenv", fx.disk().extPath("oem")).lines()
                .filter(l -> l.startsWith("BLOCKS:") || l.startsWith("EXTENTS:")).findFirst().orElse("?") + "|"
                + Tools.run("debugfs", "-R", "blocks /grubenv", fx.disk().extPath("oem")).strip();
        Cli.Result once = Cli.run("bootentry", "--target", fx.image.toString(), "--select", "recovery", "--once");
        assertEquals(0, once.exitCode(), once::toString);
        Cli.Result saved = Cli.run("bootentry", "--target", fx.image.toString(), "--select", "passive");
        assertEquals(0, saved.exitCode(), saved::toString);
        Path env = temp.resolve("grubenv");
        fx.disk().dump("oem", "/grubenv", env);
        String vars = Tools.run("grub-editenv", env.toString(), "list");
        assertTrue(vars.contains("next_entry=recovery") && vars.contains("saved_entry=fallback"), vars);
        String inodeAfter = Tools.run("debugfs", "-R", "stat /grubenv", fx.disk().extPath("oem")).lines()
                .filter(l -> l.startsWith("BLOCKS:") || l.startsWith("EXTENTS:")).findFirst().orElse("?") + "|"
                + Tools.run("debugfs", "-R", "blocks /grubenv", fx.disk().extPath("oem")).strip();
        assertEquals(inodeBefore, inodeAfter, "rewritten in place: the same blocks");
        assertTrue(Cli.run("status", "--target", fx.image.toString()).out().contains("next boot (only) goes to 'recovery'"));
    }

    private void assertSlots(String activeVersion, String passiveVersion) {
        Path active = fx.dump("state", "active.img");
        Path passive = fx.dump("state", "passive.img");
        assertEquals(activeVersion, UpgradeFixture.extVersion(active));
        assertEquals(passiveVersion, UpgradeFixture.extVersion(passive));
        assertEquals("COS_ACTIVE", UpgradeFixture.label(active));
        assertEquals("COS_PASSIVE", UpgradeFixture.label(passive));
        Tools.run("e2fsck", "-fn", active.toString());
        Tools.run("e2fsck", "-fn", passive.toString());
        Tools.run("e2fsck", "-fn", fx.disk().extPath("state"));
        assertTrue(Tools.run("debugfs", "-R", "ls /", active.toString()).contains("proc"), "runtime dirs in the new image");
    }
}
