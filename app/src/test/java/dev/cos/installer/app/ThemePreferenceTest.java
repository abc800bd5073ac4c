package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThemePreferenceTest {

    private static final ThemePreference.Inputs NOTHING = new ThemePreference.Inputs(Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void nothingKnownIsLight() {
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", NOTHING));
    }

    @Test
    void gnomePreferDarkIsDark() {
        assertEquals(Theme.DARK, ThemePreference.resolve("auto", NOTHING.withColorScheme(Optional.of("'prefer-dark'\n"))));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", NOTHING.withColorScheme(Optional.of("'prefer-light'"))));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", NOTHING.withColorScheme(Optional.of("'default'"))));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", NOTHING.withColorScheme(Optional.of("No such key “color-scheme”"))));
    }

    @Test
    void gtkThemeVariantDecidesOverGsettings() {
        var env = ThemePreference.Inputs.of(Optional.empty(), Map.of("GTK_THEME", "Adwaita:dark"));
        assertEquals(Theme.DARK, ThemePreference.resolve("auto", env));
        assertEquals(Theme.DARK, ThemePreference.resolve("auto",
                ThemePreference.Inputs.of(Optional.empty(), Map.of("GTK_THEME", "Adwaita-dark"))));
        // GTK applications obey GTK_THEME over the settings: a light one set explicitly is light.
        var light = ThemePreference.Inputs.of(Optional.empty(), Map.of("GTK_THEME", "Adwaita"))
                .withColorScheme(Optional.of("'prefer-dark'"));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", light));
    }

    @Test
    void blankGtkThemeIsUnset() {
        var inputs = ThemePreference.Inputs.of(Optional.empty(), Map.of("GTK_THEME", "  "));
        assertTrue(inputs.gtkTheme().isEmpty());
        assertTrue(ThemePreference.needsColorScheme("auto", inputs));
    }

    @Test
    void theSavedChoiceWinsOverTheDesktop() {
        var inputs = ThemePreference.Inputs.of(Optional.of(Theme.LIGHT), Map.of("GTK_THEME", "Adwaita:dark"))
                .withColorScheme(Optional.of("'prefer-dark'"));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("auto", inputs));
        assertFalse(ThemePreference.needsColorScheme("auto", inputs), "no process when the answer is known");
    }

    @Test
    void theCommandLineWinsOverEverything() {
        var inputs = new ThemePreference.Inputs(Optional.of(Theme.DARK), Optional.of("Adwaita:dark"), Optional.of("'prefer-dark'"));
        assertEquals(Theme.LIGHT, ThemePreference.resolve("light", inputs));
        assertEquals(Theme.DARK, ThemePreference.resolve("dark", NOTHING));
        assertFalse(ThemePreference.needsColorScheme("dark", NOTHING));
        assertThrows(IllegalArgumentException.class, () -> ThemePreference.resolve("purple", NOTHING));
    }

    @Test
    void gsettingsIsAskedOnlyForAutoWithoutSavedChoiceOrGtkTheme() {
        assertTrue(ThemePreference.needsColorScheme("auto", NOTHING));
        assertFalse(ThemePreference.needsColorScheme("auto", ThemePreference.Inputs.of(Optional.empty(), Map.of("GTK_THEME", "Adwaita"))));
    }
}
