package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeChoiceFileTest {

    @TempDir
    Path home;

    @Test
    void livesInTheXdgConfigDirectory() {
        assertEquals(home.resolve(".config/cos-installer/theme"), ThemeChoiceFile.of(Map.of(), home).file());
        assertEquals(Path.of("/cfg/cos-installer/theme"), ThemeChoiceFile.of(Map.of("XDG_CONFIG_HOME", "/cfg"), home).file());
        assertEquals(home.resolve(".config/cos-installer/theme"),
                ThemeChoiceFile.of(Map.of("XDG_CONFIG_HOME", "relative"), home).file());
    }

    @Test
    void savesAndReadsBack() throws Exception {
        ThemeChoiceFile file = ThemeChoiceFile.of(Map.of(), home);
        assertEquals(Optional.empty(), file.read());
        assertTrue(file.save(Theme.DARK));
        assertEquals(List.of("dark"), Files.readAllLines(file.file()));
        assertEquals(Optional.of(Theme.DARK), file.read());
    }

    @Test
    void garbageIsNoChoice() throws Exception {
        ThemeChoiceFile file = ThemeChoiceFile.of(Map.of(), home);
        Files.createDirectories(file.file().getParent());
        Files.writeString(file.file(), "purple\n");
        assertEquals(Optional.empty(), file.read());
    }

    @Test
    void anUnwritablePlaceIsReportedNotThrown() throws Exception {
        Path notADirectory = Files.writeString(home.resolve("file"), "x");
        assertFalse(new ThemeChoiceFile(notADirectory.resolve("cos-installer/theme")).save(Theme.LIGHT));
    }
}
