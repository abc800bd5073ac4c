package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.session.ColorSchemeProbe;
import dev.cos.installer.app.testsupport.FakeSessionCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Sheet swapping, auto detection and the toggle, on real scenes (headless). */
class StylesTest {

    private static final ColorSchemeProbe PREFER_DARK = new ColorSchemeProbe(new FakeSessionCommands().answering(ColorSchemeProbe.GSETTINGS, "'prefer-dark'"), ColorSchemeProbe.GSETTINGS, Duration.ofSeconds(5));
    private static final ColorSchemeProbe NO_DESKTOP = new ColorSchemeProbe(new FakeSessionCommands(), ColorSchemeProbe.GSETTINGS, Duration.ofSeconds(5));

    @TempDir
    Path home;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aThemeIsTwoSheetsFirstAndOtherSheetsStay() throws Exception {
        List<String> sheets = fx(() -> {
            Scene scene = new Scene(new StackPane());
            scene.getStylesheets().add("data:text/css,.x{}");
            Styles.apply(scene, Theme.DARK);
            Styles.apply(scene, Theme.LIGHT);
            return List.copyOf(scene.getStylesheets());
        });
        assertEquals(3, sheets.size(), sheets.toString());
        assertTrue(sheets.get(0).endsWith("/dev/cos/installer/styles/theme-light.css"), sheets.get(0));
        assertTrue(sheets.get(1).endsWith("/dev/cos/installer/styles/app.css"), sheets.get(1));
        assertEquals("data:text/css,.x{}", sheets.get(2));
    }

    @Test
    void autoFollowsWhatDetectFound() throws Exception {
        Theme found = Styles.detect("auto", Map.of(), ThemeChoiceFile.of(Map.of(), home), PREFER_DARK);
        assertEquals(Theme.DARK, found);
        assertEquals(Theme.DARK, fx(() -> {
            Scene scene = new Scene(new StackPane());
            Styles.apply(scene, "auto");
            return Styles.current(scene);
        }));
        assertEquals(Theme.LIGHT, Styles.detect("auto", Map.of(), ThemeChoiceFile.of(Map.of(), home), NO_DESKTOP));
        assertEquals(Theme.LIGHT, Styles.detect("light", Map.of(), ThemeChoiceFile.of(Map.of(), home), PREFER_DARK));
    }

    @Test
    void toggleSwitchesAndSavesTheChoiceForTheNextStart() throws Exception {
        ThemeChoiceFile file = ThemeChoiceFile.of(Map.of(), home);
        Styles.detect("auto", Map.of(), file, NO_DESKTOP);
        List<Theme> shown = fx(() -> {
            Scene scene = new Scene(new StackPane());
            Styles.apply(scene, "auto");
            Theme before = Styles.current(scene);
            Theme after = Styles.toggle(scene);
            return List.of(before, after, Styles.current(scene));
        });
        assertEquals(List.of(Theme.LIGHT, Theme.DARK, Theme.DARK), shown);
        assertEquals(Optional.of(Theme.DARK), awaitSaved(file));
        // Next start: the saved choice wins over a light desktop.
        assertEquals(Theme.DARK, Styles.detect("auto", Map.of(), file, NO_DESKTOP));
    }

    @Test
    void theToggleShowsAndSwitchesTheThemeOfItsScene() throws Exception {
        Styles.detect("auto", Map.of(), ThemeChoiceFile.of(Map.of(), home), NO_DESKTOP);
        List<Object> seen = fx(() -> {
            ThemeToggle toggle = new ThemeToggle();
            Scene scene = new Scene(new StackPane(toggle));
            Styles.apply(scene, Theme.DARK);
            boolean followsDark = toggle.isSelected();
            toggle.fire();
            Theme afterPress = Styles.current(scene);
            Styles.toggle(scene);
            boolean followsToggle = toggle.isSelected();
            return List.of(followsDark, afterPress, followsToggle, toggle.getAccessibleText(), toggle.getAccessibleHelp(),
                    toggle.getText());
        });
        assertEquals(true, seen.get(0), "pressed when the scene is dark");
        assertEquals(Theme.LIGHT, seen.get(1), "pressing it turns the scene light");
        assertEquals(true, seen.get(2), "follows a switch made elsewhere");
        assertEquals("Dark theme", seen.get(3));
        assertFalse(((String) seen.get(4)).startsWith("!"), "help text: " + seen.get(4));
        assertEquals("Dar_k theme", seen.get(5));
        // Both switches were saved in the background: wait for the last one before the temp dir goes.
        ThemeChoiceFile file = ThemeChoiceFile.of(Map.of(), home);
        for (int i = 0; i < 100 && !file.read().equals(Optional.of(Theme.DARK)); i++) {
            Thread.sleep(50);
        }
        assertEquals(Optional.of(Theme.DARK), file.read());
    }

    private static Optional<Theme> awaitSaved(ThemeChoiceFile file) throws InterruptedException {
        // The save runs in the background; it is one small file.
        for (int i = 0; i < 100 && !Files.exists(file.file()); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(50);
        return file.read();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
    }
}
