package dev.cos.installer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.model.Slot;
import dev.cos.installer.installed.ImageIdentities;
import dev.cos.installer.tools.GrubEnvBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusParsersTest {

    @Test
    void readsAGrubEnvironmentBlockWrittenByGrubEditenv() throws IOException {
        byte[] block = Files.readAllBytes(Path.of("src/test/resources/fixtures/upgrade/grubenv-next-entry.bin"));
        assertEquals(1024, block.length);
        assertEquals(Map.of("next_entry", "recovery", "saved_entry", "fallback"), GrubEnvBlock.parse(block));
        assertThrows(IllegalArgumentException.class, () -> GrubEnvBlock.parse("next_entry=cos\n".getBytes()));
    }

    @Test
    void bootNotesNamePendingAttemptsTheOneShotEntryAndAFallback() {
        List<String> notes = BootAssessment.notes(Optional.of(Slot.PASSIVE), true,
                Map.of("cos_tries_active", "x", "next_entry", "recovery"));
        assertEquals(List.of("1 boot attempt(s) of active not yet confirmed (cos_tries_active=x)",
                "the next boot (only) goes to 'recovery' (next_entry)",
                "last boot fell back from active: running passive while active.img exists"), notes);
        assertTrue(BootAssessment.notes(Optional.of(Slot.ACTIVE), true, Map.of()).isEmpty());
        assertTrue(BootAssessment.notes(Optional.of(Slot.PASSIVE), false, Map.of()).isEmpty(),
                "no active.img: passive is all there is, not a fallback");
    }

    @Test
    void aSlotMarkedFailedIsNamedWithWhatItMeansForTheNextBoots() {
        Map<String, String> env = Map.of("cos_failed_active", "yes");
        assertEquals(List.of("active"), BootAssessment.skippedSlots(env));
        assertTrue(BootAssessment.notes(Optional.of(Slot.PASSIVE), true, env).contains("active failed to boot and is skipped"
                + " (cos_failed_active=yes): the next boots go to passive until an upgrade, 'rollback --swap' or"
                + " 'bootentry --select active' says otherwise"), BootAssessment.notes(Optional.of(Slot.PASSIVE), true, env)::toString);
        assertEquals(List.of("active", "passive"), BootAssessment.skippedSlots(Map.of("cos_failed_passive", "yes",
                "cos_failed_active", "yes")));
    }

    private static SystemStatus.Image image(String slot, String version) {
        return new SystemStatus.Image(slot, "", true, Optional.of(version), Optional.empty(), "", "", 0, "ext2", 0);
    }

    @Test
    void aRestartIsNeededWhenActiveIsNotWhatRunsAndTheNextBootStartsIt() {
        List<SystemStatus.Image> images = List.of(image("active", "2.0"), image("passive", "1.0"), image("recovery", "1.0"));
        ImageIdentities ids = new ImageIdentities(Optional.of("b"), Optional.of("a"), Optional.empty(), Optional.of("a"));
        Optional<Restart> restart = Restart.detect(images, ids, Optional.of("a"), Map.of());
        assertEquals("restart needed: 2.0 installed, 1.0 running", restart.orElseThrow().sentence());
        assertTrue(Restart.detect(images, ids, Optional.of("b"), Map.of()).isEmpty(), "active runs");
        assertTrue(Restart.detect(images, ids, Optional.empty(), Map.of()).isEmpty(), "nothing known about what runs");
        assertTrue(Restart.detect(images, ids, Optional.of("a"), Map.of("cos_failed_active", "yes")).isEmpty(),
                "active failed: the next boot is passive again");
        assertTrue(Restart.detect(images, ids, Optional.of("a"), Map.of("saved_entry", "fallback")).isEmpty());
        assertEquals("restart needed: 2.0 installed, an image no longer on disk running",
                Restart.detect(images, ids, Optional.of("c"), Map.of()).orElseThrow().sentence());
    }

    @Test
    void activeReplacesPassiveOnlyWhenThatLosesNoImageKnownToBoot() {
        assertTrue(new ImageIdentities(Optional.of("a"), Optional.of("p"), Optional.of("a"), Optional.empty())
                .activeMayReplacePassive(true), "active runs");
        assertTrue(new ImageIdentities(Optional.of("a"), Optional.of("p"), Optional.empty(), Optional.of("a"))
                .activeMayReplacePassive(true), "the last boot came up from active");
        assertTrue(new ImageIdentities(Optional.of("a"), Optional.of("a"), Optional.empty(), Optional.empty())
                .activeMayReplacePassive(true), "passive is a copy of active (install, reset)");
        assertTrue(new ImageIdentities(Optional.of("a"), Optional.empty(), Optional.empty(), Optional.empty())
                .activeMayReplacePassive(false), "no passive.img");
        assertFalse(new ImageIdentities(Optional.of("a"), Optional.of("p"), Optional.empty(), Optional.of("p"))
                .activeMayReplacePassive(true), "active never booted: passive is the last known good");
        assertFalse(new ImageIdentities(Optional.of("a"), Optional.of("p"), Optional.empty(), Optional.empty())
                .activeMayReplacePassive(true), "no evidence that active booted");
    }
}
