package dev.cos.installer.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * Which boots are automatic fallbacks, from the grubenv blocks GRUB leaves (fixtures written by
 * grub-editenv as GRUB's save_env writes them: cos_recovery_reason=fallback or chosen).
 */
class FallbackTest {

    private static final List<SystemStatus.Image> IMAGES = List.of(image("active", "2.0", true),
            image("passive", "1.0", true), image("recovery", "0.9", true));

    private static SystemStatus.Image image(String slot, String version, boolean present) {
        return new SystemStatus.Image(slot, "COS_STATE:/cOS/" + slot + ".img", present, Optional.of(version),
                Optional.empty(), "dir:///" + slot, "sha256:" + slot, 1, "ext2", 1);
    }

    private static Map<String, String> grubenv(String fixture) throws IOException {
        return GrubEnvBlock.parse(Files.readAllBytes(Path.of("src/test/resources/fixtures/boot", fixture)));
    }

    @Test
    void recoveryThatGrubBootedAsTheLastResortIsAFallbackFromActiveAndPassive() throws IOException {
        Fallback fallback = Fallback.detect(Optional.of(Slot.RECOVERY), IMAGES, grubenv("grubenv-recovery-fallback.bin"))
                .orElseThrow();
        assertEquals("recovery", fallback.to());
        assertEquals(List.of("active", "passive"), fallback.failed().stream().map(SystemStatus.Image::slot).toList());
        assertEquals("active", fallback.firstFailed().slot());
        assertEquals("active (2.0) and passive (1.0) failed to boot: the system fell back to recovery (0.9)",
                fallback.sentence());
    }

    @Test
    void aChosenRecoveryBootOrOneUnderAGrubWithoutTheMarkIsNoFallback() throws IOException {
        assertEquals(Optional.empty(), Fallback.detect(Optional.of(Slot.RECOVERY), IMAGES,
                grubenv("grubenv-recovery-chosen.bin")), "next_entry, saved_entry or the menu chose recovery");
        assertEquals(Optional.empty(), Fallback.detect(Optional.of(Slot.RECOVERY), IMAGES, Map.of()),
                "a grub.cfg from before the mark: nothing tells");
    }

    @Test
    void aStaleMarkDoesNotMakeAnotherSlotAFallback() throws IOException {
        Map<String, String> env = grubenv("grubenv-recovery-fallback.bin");
        assertEquals(Optional.empty(), Fallback.detect(Optional.of(Slot.ACTIVE), IMAGES, env));
        assertEquals(Optional.empty(), Fallback.detect(Optional.empty(), IMAGES, env), "offline, no slot booted");
    }

    @Test
    void passiveRunningWhileActiveExistsIsStillAFallbackToPassive() {
        Fallback fallback = Fallback.detect(Optional.of(Slot.PASSIVE), IMAGES, Map.of()).orElseThrow();
        assertEquals("passive", fallback.to());
        assertEquals(List.of("active"), fallback.failed().stream().map(SystemStatus.Image::slot).toList());
        assertEquals("active (2.0) failed to boot: the system fell back to passive (1.0)", fallback.sentence());
    }

    @Test
    void aMissingImageIsNamedSoInTheSentence() throws IOException {
        List<SystemStatus.Image> images = List.of(new SystemStatus.Image("active", "COS_STATE:/cOS/active.img", false,
                Optional.empty(), Optional.empty(), "", "", 0, "ext2", 0), IMAGES.get(1), IMAGES.get(2));
        assertEquals("active (missing) and passive (1.0) failed to boot: the system fell back to recovery (0.9)",
                Fallback.detect(Optional.of(Slot.RECOVERY), images, grubenv("grubenv-recovery-fallback.bin"))
                        .orElseThrow().sentence());
    }

    @Test
    void bootNotesSayWhyRecoveryBooted() throws IOException {
        assertTrue(BootAssessment.notes(Optional.of(Slot.RECOVERY), true, grubenv("grubenv-recovery-fallback.bin"))
                .contains("last boot fell back to recovery: neither active nor passive could boot"
                        + " (cos_recovery_reason=fallback)"));
        assertTrue(BootAssessment.notes(Optional.of(Slot.RECOVERY), true, grubenv("grubenv-recovery-chosen.bin"))
                .contains("recovery was chosen for this boot (cos_recovery_reason=chosen)"));
        assertTrue(BootAssessment.notes(Optional.of(Slot.ACTIVE), true, grubenv("grubenv-recovery-fallback.bin"))
                .isEmpty(), "a mark left from an earlier recovery boot says nothing about this one");
    }
}
