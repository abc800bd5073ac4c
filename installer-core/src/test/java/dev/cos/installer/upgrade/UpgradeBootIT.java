package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgraded, reset and interrupted disks boot under QEMU through their own firmware and GRUB, into
 * the version they should: the demo image 1.0 is installed once onto a hybrid disk image, each test
 * works on a sparse copy, changes it with the CLI offline (as a running system would) and boots it.
 * Every boot ends by itself ({@code cos.test=poweroff} in COS_OEM:/grubenv); serial logs are kept
 * in target/qemu-logs. Interrupted upgrades are booted by {@link UpgradeInterruptionBootIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeBootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(150);
    /** A guest that panics reboots after 5 s (panic=5) and goes through the firmware again. */
    private static final Duration PER_BOOT_IN_A_CHAIN = Duration.ofSeconds(110);

    @TempDir
    static Path temp;

    private Path installed;

    @BeforeAll
    void installTheDemoImageOnce() {
        installed = temp.resolve("installed.img");
        Cli.Result result = Cli.run("install", "--target", installed.toString(), "--size", "3G", "--source",
                DemoImage.tree("1.0").toString());
        assertEquals(0, result.exitCode(), result::toString);
        OfflineDisk disk = new OfflineDisk(installed, temp);
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");
    }

    /** A sparse copy of the installed disk for one test. */
    private OfflineDisk copy(String name) throws IOException {
        Path image = temp.resolve(name + ".img");
        Tools.run("cp", "--sparse=always", installed.toString(), image.toString());
        return new OfflineDisk(image, Files.createDirectories(temp.resolve(name + "-work")));
    }

    private static Qemu.Result boot(OfflineDisk disk, boolean uefi, String name) {
        Qemu.Boot boot = Qemu.Boot.disk(disk.gpt().image()).timeout(ONE_BOOT).noReboot(true);
        return (uefi ? boot.uefi() : boot.bios()).run(name);
    }

    /** Lets the guest reboot itself after each panic until it powers off. */
    private static Qemu.Result bootChain(OfflineDisk disk, int boots, String name) {
        return Qemu.Boot.disk(disk.gpt().image()).uefi().timeout(PER_BOOT_IN_A_CHAIN.multipliedBy(boots)).noReboot(false)
                .run(name);
    }

    /** The slots GRUB started, in order, from its "COS-GRUB: booting SLOT (IMAGE)" lines. */
    private static List<String> grubBooted(Qemu.Result result) {
        return Qemu.linesStartingWith(result.serial(), "COS-GRUB: booting ").stream()
                .map(line -> line.substring("COS-GRUB: booting ".length()).split(" ")[0]).toList();
    }

    /** A copy of the demo tree of {@code version} whose /sbin/init is gone: its kernel panics at boot. */
    private static Path brokenTree(String version) throws IOException {
        Path broken = temp.resolve("broken-" + version);
        if (!Files.exists(broken)) {
            Tools.run("cp", "-a", DemoImage.tree(version).toString(), broken.toString());
            Files.delete(broken.resolve("sbin/init"));
        }
        return broken;
    }

    private static void assertBooted(String slot, String version, Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exit(), "the guest powered off: " + result);
        assertEquals(List.of("COS-BOOTED slot=" + slot + " version=" + version), Qemu.bootedLines(result.serial()),
                result::toString);
    }

    private static void cli(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ": " + result);
    }

    private static void upgrade(OfflineDisk disk, String asBooted, Path source, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("upgrade", "--target", disk.gpt().image().toString(),
                "--as-booted", asBooted, "--source", source.toString()));
        args.addAll(Arrays.asList(more));
        cli(args.toArray(String[]::new));
    }

    private static void select(OfflineDisk disk, String slot, boolean once) {
        cli(once ? new String[] {"bootentry", "--target", disk.gpt().image().toString(), "--select", slot, "--once"}
                : new String[] {"bootentry", "--target", disk.gpt().image().toString(), "--select", slot});
    }

    private static JsonNode status(OfflineDisk disk, String... asBooted) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("status", "--target", disk.gpt().image().toString(), "--json"));
        args.addAll(Arrays.asList(asBooted));
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        return new ObjectMapper().readTree(result.out());
    }

    private static String version(JsonNode status, String image) {
        return status.at("/images/" + image + "/version").asText();
    }

    /** The names the demo system listed in /usr/local (its {@code COS-LS /usr/local ...} line). */
    private static List<String> usrLocal(Qemu.Result result) {
        return Qemu.linesStartingWith(result.serial(), "COS-LS /usr/local ").stream()
                .flatMap(line -> Arrays.stream(line.split("\\s+"))).toList();
    }

    @Test
    void anUpgradedDiskBootsTheNewVersionPassiveAndSavedEntryBootTheOldAndRecoveryTheNewRecovery() throws IOException {
        OfflineDisk disk = copy("upgraded");
        upgrade(disk, "active", DemoImage.tree("2.0"));
        JsonNode status = status(disk);
        assertEquals("2.0", version(status, "active"), status::toString);
        assertEquals("1.0", version(status, "passive"));

        assertBooted("active", "2.0", boot(disk, true, "upgrade-boot-active-uefi"));

        select(disk, "passive", true);
        assertBooted("passive", "1.0", boot(disk, false, "upgrade-boot-passive-once-bios"));

        upgrade(disk, "active", DemoImage.tree("3.0"), "--recovery");
        select(disk, "recovery", true);
        assertBooted("recovery", "3.0", boot(disk, true, "upgrade-boot-recovery-uefi"));
        JsonNode after = status(disk);
        assertEquals("2.0", version(after, "active"), "a recovery upgrade leaves active alone: " + after);
        assertEquals("1.0", version(after, "passive"));
        assertEquals("3.0", version(after, "recovery"));

        // saved_entry without --once: GRUB prefers that slot on every boot (docs/boot.md).
        select(disk, "passive", false);
        assertBooted("passive", "1.0", boot(disk, false, "upgrade-boot-saved-passive-bios"));
        assertEquals("fallback", disk.grubenv().get("saved_entry"), "saved_entry stays");
    }

    @Test
    void anUpgradeToABrokenSystemFallsBackToThePreviousVersionAndStatusSaysSo() throws IOException {
        OfflineDisk disk = copy("broken");
        upgrade(disk, "active", brokenTree("2.0"));

        // The new system cannot start its init: the kernel panics (QEMU exits at the panic).
        Qemu.Result failed = boot(disk, true, "upgrade-broken-first-boot");
        assertEquals(1, failed.exit(), "the guest panicked: " + failed);
        assertEquals(List.of(), Qemu.bootedLines(failed.serial()), failed::toString);
        JsonNode pending = status(disk);
        assertTrue(pending.path("bootNotes").toString().contains("boot attempt(s) of active not yet confirmed"),
                pending::toString);

        Qemu.Result fallback = boot(disk, false, "upgrade-broken-fallback");
        assertBooted("passive", "1.0", fallback);
        JsonNode fellBack = status(disk, "--as-booted", "passive");
        assertTrue(fellBack.path("bootNotes").toString().contains("fell back from active"), fellBack::toString);
        assertEquals("1.0", version(fellBack, "passive"));
    }

    @Test
    void aResetDiskBootsActiveFromTheRecoverySystemAndKeepsPersistentUnlessAskedTo() throws IOException {
        OfflineDisk disk = copy("reset");
        upgrade(disk, "active", DemoImage.tree("2.0"));
        Path marker = Files.writeString(temp.resolve("marker"), "user data\n");
        Tools.run("debugfs", "-w", "-R", "write " + marker + " /kept-by-reset", disk.gpt().extPath("persistent"));

        cli("reset", "--target", disk.gpt().image().toString(), "--as-booted", "recovery");
        Qemu.Result kept = boot(disk, true, "reset-boot-kept");
        assertBooted("active", "1.0", kept);
        assertTrue(usrLocal(kept).contains("kept-by-reset"), "COS_PERSISTENT kept its file: " + usrLocal(kept));

        cli("reset", "--target", disk.gpt().image().toString(), "--as-booted", "recovery", "--reset-persistent");
        Qemu.Result wiped = boot(disk, false, "reset-boot-persistent-reset");
        assertBooted("active", "1.0", wiped);
        assertFalse(usrLocal(wiped).contains("kept-by-reset"), "COS_PERSISTENT was reformatted: " + usrLocal(wiped));
    }

    /**
     * Issue 13, item 2: 1.0 installed, upgraded to 2.0 and, before any reboot, to a 3.0 that cannot
     * start. 2.0 never booted, so the second upgrade replaces active only: passive stays 1.0, the last
     * system known to boot, and the fallback from the broken 3.0 boots it (one QEMU run, the guest
     * rebooting itself after the panic). The passive system records that it came up; active is then
     * marked failed (item 3) and status says so.
     */
    @Test
    void aSecondUpgradeBeforeARebootKeepsTheLastSystemThatBootedAsPassive() throws IOException {
        OfflineDisk disk = copy("twice");
        upgrade(disk, "active", DemoImage.tree("2.0"));
        upgrade(disk, "active", brokenTree("3.0"));
        JsonNode upgraded = status(disk);
        assertEquals("3.0", version(upgraded, "active"), upgraded::toString);
        assertEquals("1.0", version(upgraded, "passive"), "2.0 never booted: passive keeps 1.0 " + upgraded);

        Qemu.Result chain = bootChain(disk, 2, "upgrade-twice-broken-newest");
        assertEquals(List.of("active", "passive"), grubBooted(chain), chain::toString);
        assertBooted("passive", "1.0", chain);

        JsonNode fellBack = status(disk, "--as-booted", "passive");
        assertEquals("1.0", fellBack.at("/fallback/running/version").asText(), fellBack::toString);
        assertEquals("[\"active\"]", fellBack.path("skippedSlots").toString(), fellBack::toString);
        assertEquals("yes", disk.grubenv().get("cos_failed_active"), "GRUB recorded the failure");
        String passiveUuid = Tools.run("blkid", "-p", "-o", "value", "-s", "UUID",
                disk.copyOut("state", "/cOS/passive.img").toString()).strip();
        assertEquals(passiveUuid, disk.grubenv().get("cos_good_uuid"), "the passive system recorded that it came up");
    }
}
