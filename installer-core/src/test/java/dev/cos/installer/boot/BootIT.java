package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed disk boots through its own firmware and GRUB under QEMU (OVMF for UEFI, SeaBIOS for
 * BIOS) and GRUB picks the slot as docs/boot.md says: the demo image is installed with the CLI onto
 * a hybrid disk image, broken the way real failures look (an image whose init is gone, a missing or
 * truncated image file) offline between boots, and each boot's serial log (target/qemu-logs) tells
 * which slot came up. The guest powers off once up ({@code cos.test=poweroff} in extra_cmdline).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(150);
    /** A guest that panics reboots after 5 s (panic=5) and goes through the firmware again. */
    private static final Duration PER_BOOT_IN_A_CHAIN = Duration.ofSeconds(110);

    @TempDir
    static Path temp;

    private Path tree;
    private Path cloudInit;

    @BeforeAll
    void buildTheDemoImage() throws IOException {
        tree = DemoImage.tree("1.0");
        cloudInit = Files.writeString(temp.resolve("user.yaml"), "#cloud-config\nhostname: boot-test\n");
    }

    /** Installs the demo image onto a new hybrid disk image, set to power off once up. */
    private OfflineDisk install(String name) throws IOException {
        Path image = temp.resolve(name + ".img");
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "3G", "--source", tree.toString(),
                "--cloud-init", cloudInit.toString());
        assertEquals(0, result.exitCode(), result::toString);
        OfflineDisk disk = new OfflineDisk(image, Files.createDirectories(temp.resolve(name + "-work")));
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");
        return disk;
    }

    private static Qemu.Result boot(OfflineDisk disk, boolean uefi, String name) {
        Qemu.Boot boot = Qemu.Boot.disk(disk.gpt().image()).timeout(ONE_BOOT).noReboot(true);
        return (uefi ? boot.uefi() : boot.bios()).run(name);
    }

    /** Lets the guest reboot itself after each panic until it powers off. */
    private static Qemu.Result bootChain(OfflineDisk disk, boolean uefi, int boots, String name) {
        Qemu.Boot boot = Qemu.Boot.disk(disk.gpt().image()).timeout(PER_BOOT_IN_A_CHAIN.multipliedBy(boots))
                .noReboot(false);
        return (uefi ? boot.uefi() : boot.bios()).run(name);
    }

    private static void assertBooted(String slot, Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(0, result.exit(), "the guest powered off: " + result);
        assertEquals(List.of("COS-BOOTED slot=" + slot + " version=1.0"), Qemu.bootedLines(result.serial()),
                result::toString);
    }

    /** The slots GRUB started, in order, from its "COS-GRUB: booting SLOT (IMAGE)" lines. */
    private static List<String> grubBooted(Qemu.Result result) {
        return Qemu.linesStartingWith(result.serial(), "COS-GRUB: booting ").stream()
                .map(line -> line.substring("COS-GRUB: booting ".length()).split(" ")[0]).toList();
    }

    private static void assertNoErrorWait(Qemu.Result result) {
        assertFalse(result.serial().contains("Press any key to continue"), "no GRUB error wait: " + result);
    }

    /** The attempt counters left in COS_OEM:/grubenv. */
    private static Map<String, String> tries(OfflineDisk disk) {
        Map<String, String> env = new java.util.TreeMap<>(disk.grubenv());
        env.keySet().removeIf(name -> !name.startsWith("cos_tries_"));
        return env;
    }

    @Test
    void aFreshInstallBootsActiveOnUefiAndOnBiosFromTheSameDisk() throws IOException {
        OfflineDisk disk = install("fresh");

        Qemu.Result uefi = boot(disk, true, "boot-fresh-uefi");
        assertBooted("active", uefi);
        assertEquals(List.of("active"), grubBooted(uefi));
        assertNoErrorWait(uefi);
        assertEquals(Map.of(), tries(disk), "the booted system cleared its attempt");

        Qemu.Result bios = boot(disk, false, "boot-fresh-bios");
        assertBooted("active", bios);
        assertEquals(List.of("active"), grubBooted(bios));
        assertEquals("cos.test=poweroff", disk.grubenv().get("extra_cmdline"), "extra_cmdline stays");
    }

    @Test
    void aSlotWhoseInitFailsFallsToPassiveIsSkippedFromThenOnAndPassiveFailingTooGoesToRecovery() throws IOException {
        OfflineDisk disk = install("chain");
        Path goodActive = disk.copyOut("state", "/cOS/active.img");
        // The image's init is gone: the initramfs cannot switch to it, PID 1 exits, the kernel panics.
        disk.editImage("state", "/cOS/active.img", "rm /sbin/init");

        Qemu.Result first = bootChain(disk, true, 2, "boot-chain-active-broken");
        assertEquals(List.of("active", "passive"), grubBooted(first), first::toString);
        assertTrue(first.serial().contains("Kernel panic"), first::toString);
        assertBooted("passive", first);
        assertEquals(Map.of(), tries(disk), "passive came up and cleared the attempts");

        // No boot loop: the failed active is not retried on the next power-on, passive boots straight away.
        Qemu.Result second = boot(disk, false, "boot-chain-active-skipped");
        assertEquals(List.of("passive"), grubBooted(second), second::toString);
        assertFalse(second.serial().contains("Kernel panic"), second::toString);
        assertBooted("passive", second);
        assertEquals("yes", disk.grubenv().get("cos_failed_active"), "GRUB recorded that active failed");

        // Passive broken too: it fails its try and recovery boots; active stays skipped.
        disk.editImage("state", "/cOS/passive.img", "rm /sbin/init");
        Qemu.Result third = bootChain(disk, false, 2, "boot-chain-both-broken");
        assertEquals(List.of("passive", "recovery"), grubBooted(third), third::toString);
        assertBooted("recovery", third);
        assertEquals(Map.of(), tries(disk), "recovery came up and cleared the attempts");

        // Active repaired and chosen again (bootentry --select active clears its mark): it boots.
        disk.replace("state", "/cOS/active.img", goodActive);
        Cli.Result select = Cli.run("bootentry", "--target", disk.gpt().image().toString(), "--select", "active");
        assertEquals(0, select.exitCode(), select::toString);
        Qemu.Result fourth = boot(disk, true, "boot-chain-active-repaired");
        assertEquals(List.of("active"), grubBooted(fourth));
        assertBooted("active", fourth);
    }

    @Test
    void theNumberOfTriesPerSlotIsConfigurable() throws IOException {
        OfflineDisk disk = install("tries");
        disk.editImage("state", "/cOS/active.img", "rm /sbin/init");
        Path oemEnv = disk.copyOut("state", "/grub_oem_env");
        dev.cos.installer.testsupport.Tools.run("grub-editenv", oemEnv.toString(), "set", "cos_max_tries=xx");
        disk.replace("state", "/grub_oem_env", oemEnv);

        Qemu.Result result = bootChain(disk, false, 3, "boot-two-tries");
        assertEquals(List.of("active", "active", "passive"), grubBooted(result), result::toString);
        assertBooted("passive", result);
    }

    @Test
    void aMissingOrTruncatedActiveImageFallsToPassiveInTheSameBootWithoutAnErrorWait() throws IOException {
        OfflineDisk disk = install("unreadable");
        disk.truncate("state", "/cOS/active.img", 1024 * 1024);

        Qemu.Result truncated = boot(disk, true, "boot-active-truncated");
        assertEquals(List.of("passive"), grubBooted(truncated), truncated::toString);
        assertBooted("passive", truncated);
        assertNoErrorWait(truncated);
        assertFalse(truncated.serial().contains("Kernel panic"), truncated::toString);

        disk.remove("state", "/cOS/active.img");
        Qemu.Result missing = boot(disk, false, "boot-active-missing");
        assertEquals(List.of("passive"), grubBooted(missing), missing::toString);
        assertBooted("passive", missing);
        assertNoErrorWait(missing);
    }

    @Test
    void nextEntryBootsRecoveryOnceThenActiveAgain() throws IOException {
        OfflineDisk disk = install("next-entry");
        disk.setGrubenv("next_entry=recovery");

        Qemu.Result once = boot(disk, true, "boot-next-entry-recovery");
        assertBooted("recovery", once);
        assertFalse(disk.grubenv().containsKey("next_entry"), "GRUB cleared the one-shot entry");

        Qemu.Result after = boot(disk, true, "boot-next-entry-after");
        assertBooted("active", after);
    }

    @Test
    void aFileWrittenUnderUsrLocalInOneBootIsThereInTheNextAndOemHoldsTheCloudInitFile() throws IOException {
        OfflineDisk disk = install("persistent");
        disk.setGrubenv("extra_cmdline=cos.test=poweroff cos.test.write=/usr/local/written-by-boot-1");

        Qemu.Result first = boot(disk, false, "boot-persistent-write");
        assertBooted("active", first);
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");

        Qemu.Result second = boot(disk, true, "boot-persistent-read");
        assertBooted("active", second);
        List<String> listings = Qemu.linesStartingWith(second.serial(), "COS-LS ");
        assertTrue(listings.stream().anyMatch(l -> l.startsWith("COS-LS /usr/local ") && l.contains(" written-by-boot-1 ")),
                "the file the first boot wrote is in /usr/local: " + listings);
        assertTrue(listings.stream().anyMatch(l -> l.startsWith("COS-LS /oem ") && l.contains(" 90_custom.yaml ")),
                "the cloud-init file given at install is in /oem: " + listings);
        assertEquals("#cloud-config\nhostname: boot-test\n", disk.gpt().cat("oem", "/90_custom.yaml"));
    }
}
