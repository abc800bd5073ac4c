package dev.cos.installer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.model.Slot;
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
}
