package dev.cos.installer.app.fx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which texts carry a mnemonic, as JavaFX parses them (the rest of Mnemonics is shown in WizardMnemonicTest). */
class MnemonicsTest {

    @Test
    void aMnemonicIsAnUnderscoreBeforeACharacter() {
        assertTrue(Mnemonics.hasMnemonic("_OEM:"));
        assertTrue(Mnemonics.hasMnemonic("S_TATE:"));
        assertTrue(Mnemonics.hasMnemonic("COS__X _Size"), "after an escaped underscore");
    }

    @Test
    void noMnemonicWithoutOne() {
        assertFalse(Mnemonics.hasMnemonic(null));
        assertFalse(Mnemonics.hasMnemonic(""));
        assertFalse(Mnemonics.hasMnemonic("BIOS"));
        assertFalse(Mnemonics.hasMnemonic("COS__STATE"), "an escaped underscore");
        assertFalse(Mnemonics.hasMnemonic("a _ b"), "an underscore before a space");
        assertFalse(Mnemonics.hasMnemonic("trailing_"));
    }
}
