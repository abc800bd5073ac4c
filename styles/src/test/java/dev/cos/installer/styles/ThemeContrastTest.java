package dev.cos.installer.styles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** WCAG AA (4.5:1 for normal text) for every text/background pair app.css puts together, in both themes. */
class ThemeContrastTest {

    private static final double AA = 4.5;

    @Test
    void wcagContrastMatchesKnownValues() {
        assertEquals(21.0, Rgb.parse("#000").contrastWith(Rgb.WHITE), 0.01);
        assertEquals(1.0, Rgb.parse("#777777").contrastWith(Rgb.parse("#777")), 0.001);
        // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
        assertEquals(4.54, Rgb.parse("#767676").contrastWith(Rgb.WHITE), 0.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css"})
    void textIsReadableOnEveryBackground(String theme) {
        Sheet sheet = Sheet.load(theme);
        List<String> failures = new ArrayList<>();
        for (String background : List.of("-cos-bg", "-cos-surface")) {
            for (String text : List.of("-cos-text", "-cos-muted", "-cos-danger-text", "-cos-ok", "-cos-warn")) {
                check(sheet, text, background, failures);
            }
        }
        // Cards when selected, failed checks: text on the soft tints.
        for (String text : List.of("-cos-text", "-cos-muted")) {
            check(sheet, text, "-cos-accent-soft", failures);
        }
        check(sheet, "-cos-text", "-cos-danger-soft", failures);
        check(sheet, "-cos-danger-text", "-cos-danger-soft", failures);
        assertTrue(failures.isEmpty(), theme + " below WCAG AA: " + failures);
    }

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css"})
    void whiteLabelsAreReadableOnAccentAndDanger(String theme) {
        Sheet sheet = Sheet.load(theme);
        assertEquals(Rgb.WHITE, sheet.colour("-cos-on-accent"), "buttons carry white text");
        List<String> failures = new ArrayList<>();
        for (String background : List.of("-cos-accent", "-cos-danger")) {
            double ratio = Rgb.WHITE.contrastWith(sheet.colour(background));
            if (ratio < AA) {
                failures.add("white on " + background + " = " + round(ratio));
            }
        }
        assertTrue(failures.isEmpty(), theme + " below WCAG AA: " + failures);
    }

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css"})
    void partitionLabelsAreReadableOnTheirSegments(String theme) {
        Sheet sheet = Sheet.load(theme);
        List<String> failures = new ArrayList<>();
        for (String role : List.of("efi", "bios", "oem", "recovery", "state", "persistent", "existing")) {
            check(sheet, "-cos-on-part", "-cos-part-" + role, failures);
        }
        check(sheet, "-cos-text", "-cos-part-free", failures);
        assertTrue(failures.isEmpty(), theme + " below WCAG AA: " + failures);
    }

    @Test
    void bothThemesDefineTheSamePalette() {
        Set<String> light = palette(Sheet.load("theme-light.css"));
        Set<String> dark = palette(Sheet.load("theme-dark.css"));
        assertEquals(light, dark, "a variable only one theme defines falls back to Modena's look in the other");
        assertTrue(light.containsAll(Set.of("-cos-bg", "-cos-surface", "-cos-text", "-cos-muted", "-cos-accent",
                "-cos-danger", "-cos-ok", "-cos-warn", "-cos-border", "-cos-focus", "-cos-part-efi", "-cos-part-bios",
                "-cos-part-oem", "-cos-part-recovery", "-cos-part-state", "-cos-part-persistent", "-cos-part-free",
                "-cos-part-existing")), "palette: " + light);
    }

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css"})
    void modenaFollowsThePalette(String theme) {
        var declarations = Sheet.load(theme).declarations();
        assertEquals("-cos-bg", declarations.get("-fx-background"));
        assertEquals("-cos-accent", declarations.get("-fx-accent"));
        assertEquals("-cos-focus", declarations.get("-fx-focus-color"));
        assertEquals("-cos-surface", declarations.get("-fx-control-inner-background"));
        assertTrue(declarations.containsKey("-fx-base"), "-fx-base drives every stock control's colours");
    }

    private static Set<String> palette(Sheet sheet) {
        return sheet.declarations().keySet().stream().filter(k -> k.startsWith("-cos-"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void check(Sheet sheet, String text, String background, List<String> failures) {
        double ratio = sheet.colour(text).contrastWith(sheet.colour(background));
        if (ratio < AA) {
            failures.add(text + " on " + background + " = " + round(ratio));
        }
    }

    private static String round(double ratio) {
        return String.format("%.2f:1", ratio);
    }
}
