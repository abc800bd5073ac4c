package dev.cos.installer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cos.installer.model.Firmware;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirmwareArgTest {

    @Test
    void namesAndAuto() {
        assertEquals(Optional.of(Firmware.EFI), FirmwareArg.parse("efi"));
        assertEquals(Optional.of(Firmware.BIOS), FirmwareArg.parse("BIOS"));
        assertEquals(Optional.of(Firmware.HYBRID), FirmwareArg.parse("hybrid"));
        assertEquals(Optional.empty(), FirmwareArg.parse("auto"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirmwareArg.parse("uefi"));

        assertEquals("unknown firmware 'uefi': use efi, bios, hybrid or auto", e.getMessage());
    }
}
