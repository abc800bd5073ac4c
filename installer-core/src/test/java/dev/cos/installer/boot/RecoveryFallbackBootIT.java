package dev.cos.installer.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fallback to recovery is told from a chosen recovery boot (docs/boot.md, cos_recovery_reason):
 * with the init of both active and passive removed, one QEMU run goes active, passive, recovery
 * (the guest reboots itself after each panic), and {@code status --json} read offline as booted
 * recovery reports {@code fallback.to=recovery} with both failed slots; then a recovery boot chosen
 * with {@code bootentry --select recovery --once} on the same disk is no fallback; and a boot of a
 * repaired active, chosen again with {@code bootentry --select active}, removes the mark.
 */
class RecoveryFallbackBootIT {

    private static final Duration PER_BOOT = Duration.ofSeconds(110);

    @TempDir
    Path temp;

    private static void cli(String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), () -> String.join(" ", args) + ": " + result);
    }

    private static JsonNode json(String... args) throws IOException {
        Cli.Result result = Cli.run(args);
        assertTrue(result.exitCode() == 0 || result.exitCode() == 1, result::toString);  // diagnose: 1 = findings
        return new ObjectMapper().readTree(result.out());
    }

    private static Qemu.Result boot(Path image, int boots, String name) {
        return Qemu.Boot.disk(image).uefi().timeout(PER_BOOT.multipliedBy(boots)).noReboot(boots == 1).run(name);
    }

    private static List<String> grubBooted(Qemu.Result result) {
        return Qemu.linesStartingWith(result.serial(), "COS-GRUB: booting ").stream()
                .map(line -> line.substring("COS-GRUB: booting ".length()).split(" ")[0]).toList();
    }

    private static void assertBooted(String slot, Qemu.Result result) {
        assertFalse(result.timedOut(), result::toString);
        assertEquals(List.of("COS-BOOTED slot=" + slot + " version=1.0"), Qemu.bootedLines(result.serial()),
                result::toString);
    }

    @Test
    void recoveryAfterActiveAndPassiveFailedIsAFallbackAndAChosenRecoveryBootIsNot() throws IOException {
        OfflineDisk disk = OfflineDisk.installDemo(temp, "disk", "1.0");
        Path image = disk.gpt().image();
        Path goodActive = disk.copyOut("state", "/cOS/active.img");
        // Their init is gone: the initramfs cannot switch root, PID 1 exits, the kernel panics and reboots.
        disk.editImage("state", "/cOS/active.img", "rm /sbin/init");
        disk.editImage("state", "/cOS/passive.img", "rm /sbin/init");

        Qemu.Result chain = boot(image, 3, "recovery-fallback-chain");
        assertEquals(List.of("active", "passive", "recovery"), grubBooted(chain), chain::toString);
        assertBooted("recovery", chain);
        disk.fsck("oem");
        disk.fsck("state");
        assertEquals("fallback", disk.grubenv().get("cos_recovery_reason"), "GRUB marked the last resort");
        Files.copy(disk.copyOut("oem", "/grubenv"), Qemu.LOG_DIR.resolve("recovery-fallback-grubenv.bin"),
                StandardCopyOption.REPLACE_EXISTING);  // the real block, as the unit tests' fixture

        JsonNode status = json("status", "--target", image.toString(), "--as-booted", "recovery", "--json");
        JsonNode fallback = status.path("fallback");
        assertEquals("recovery", fallback.path("to").asText(), status::toString);
        assertEquals("active", fallback.at("/failedSlots/0/slot").asText(), status::toString);
        assertEquals("1.0", fallback.at("/failedSlots/0/version").asText(), status::toString);
        assertEquals("passive", fallback.at("/failedSlots/1/slot").asText(), status::toString);
        assertEquals("1.0", fallback.at("/failedSlots/1/version").asText(), status::toString);
        assertEquals("recovery", fallback.at("/running/slot").asText(), status::toString);
        JsonNode diagnosis = json("diagnose", "--target", image.toString(), "--as-booted", "recovery", "--json");
        assertEquals("recovery", diagnosis.at("/boot/fallback/to").asText(), diagnosis::toString);
        assertEquals("active (1.0) and passive (1.0) failed to boot: the system fell back to recovery (1.0)",
                diagnosis.at("/boot/how").asText(), diagnosis::toString);

        // Chosen: one boot of recovery by next_entry, with active and passive still broken.
        cli("bootentry", "--target", image.toString(), "--select", "recovery", "--once");
        Qemu.Result chosen = boot(image, 1, "recovery-chosen-once");
        assertEquals(List.of("recovery"), grubBooted(chosen), chosen::toString);
        assertBooted("recovery", chosen);
        disk.fsck("oem");
        assertEquals("chosen", disk.grubenv().get("cos_recovery_reason"));
        JsonNode chosenStatus = json("status", "--target", image.toString(), "--as-booted", "recovery", "--json");
        assertTrue(chosenStatus.path("fallback").isNull(), chosenStatus::toString);

        // A boot of another slot removes the mark: active repaired and chosen again (GRUB marked both
        // slots failed, docs/boot.md; bootentry --select active removes active's mark) boots, and nothing is left.
        disk.replace("state", "/cOS/active.img", goodActive);
        assertEquals("yes", disk.grubenv().get("cos_failed_active"), () -> disk.grubenv().toString());
        assertEquals("yes", disk.grubenv().get("cos_failed_passive"), () -> disk.grubenv().toString());
        cli("bootentry", "--target", image.toString(), "--select", "active");
        Qemu.Result repaired = boot(image, 1, "recovery-then-active");
        assertEquals(List.of("active"), grubBooted(repaired), repaired::toString);
        assertBooted("active", repaired);
        assertFalse(disk.grubenv().containsKey("cos_recovery_reason"), () -> disk.grubenv().toString());
    }
}
