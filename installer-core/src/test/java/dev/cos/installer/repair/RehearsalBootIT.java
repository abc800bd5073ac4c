package dev.cos.installer.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback rehearsal booted for real (QEMU, TCG): {@code bootentry --select passive --once
 * --rehearsal}, one boot of passive that GRUB marks and the passive system confirms, then status
 * reports passed and the next boot is active again; with passive.img gone, GRUB marks it failed.
 */
class RehearsalBootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(150);

    @TempDir
    Path temp;

    private static Qemu.Result boot(Path image, boolean uefi, String name) {
        Qemu.Boot boot = Qemu.Boot.disk(image).timeout(ONE_BOOT).noReboot(true);
        return (uefi ? boot.uefi() : boot.bios()).run(name);
    }

    private static void assertBooted(String slot, String version, Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(List.of("COS-BOOTED slot=" + slot + " version=" + version), Qemu.bootedLines(result.serial()),
                result::toString);
    }

    private static void cli(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ": " + result);
    }

    private static JsonNode status(Path image) throws IOException {
        Cli.Result result = Cli.run("status", "--target", image.toString(), "--json");
        assertEquals(0, result.exitCode(), result::toString);
        return new ObjectMapper().readTree(result.out());
    }

    @Test
    void aRehearsalBootsPassiveOnceStatusSaysPassedAndAMissingPassiveFails() throws IOException {
        OfflineDisk disk = OfflineDisk.installDemo(temp, "disk", "1.0");
        Path image = disk.gpt().image();
        cli("upgrade", "--target", image.toString(), "--as-booted", "active", "--source", DemoImage.tree("2.0").toString());

        cli("bootentry", "--target", image.toString(), "--select", "passive", "--once", "--rehearsal");
        assertEquals("pending", status(image).at("/rehearsal/result").asText());
        assertBooted("passive", "1.0", boot(image, true, "rehearsal-passive-uefi"));
        disk.fsck("oem");
        JsonNode after = status(image);
        assertEquals("passed", after.at("/rehearsal/result").asText(), after::toString);
        assertEquals("", disk.grubenv().getOrDefault("next_entry", ""), "GRUB used the one-shot entry");
        assertBooted("active", "2.0", boot(image, false, "rehearsal-back-to-active-bios"));
        disk.fsck("oem");
        assertEquals("passed", status(image).at("/rehearsal/result").asText());

        disk.remove("state", "/cOS/passive.img");
        cli("bootentry", "--target", image.toString(), "--select", "passive", "--once", "--rehearsal");
        assertBooted("active", "2.0", boot(image, true, "rehearsal-without-passive-uefi"));
        disk.fsck("oem");
        JsonNode failed = status(image);
        assertEquals("failed", failed.at("/rehearsal/result").asText(), failed::toString);
        assertEquals("failed", disk.grubenv().get("cos_rehearsal"), "GRUB marked it");
    }
}
