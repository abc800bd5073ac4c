package dev.cos.installer.styles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** app.css paints only with the themes' variables and sizes in em, so a theme swap and a 200% scale work. */
class AppSheetTest {

    /** The CSS / JavaFX named colours ("transparent" is allowed: it means no paint, not a colour). */
    static final Set<String> NAMED_COLOURS = Set.of("aliceblue", "antiquewhite", "aqua", "aquamarine", "azure",
            "beige", "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue",
            "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue",
            "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta",
            "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue",
            "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray",
            "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite",
            "gold", "goldenrod", "gray", "green", "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo",
            "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral",
            "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon",
            "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow",
            "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue", "mediumorchid",
            "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise",
            "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace",
            "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise",
            "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "red",
            "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver",
            "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen", "steelblue", "tan", "teal",
            "thistle", "tomato", "turquoise", "violet", "wheat", "white", "whitesmoke", "yellow", "yellowgreen");

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{3,8}\\b");
    private static final Pattern FUNCTION = Pattern.compile("\\b(rgba?|hsla?|hsb|hsba)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("(?<![-\\w])[a-zA-Z]+(?![-\\w(])");
    private static final Pattern PX = Pattern.compile("\\d(px|pt|cm|mm|in)\\b");
    private static final Pattern VARIABLE_USE = Pattern.compile("(?<![-\\w])(-cos-[a-z-]+)");

    @Test
    void usesNoLiteralColour() {
        List<String> literals = literalColours(Sheet.load("app.css").values());
        assertTrue(literals.isEmpty(), "app.css must paint with the themes' -cos-* variables only, found: " + literals);
    }

    @Test
    void theCheckerFindsEveryKindOfLiteral() {
        // Guards the test above against a checker that finds nothing.
        assertEquals(List.of("#fff", "rgb(", "hsb(", "red"), literalColours(List.of("#fff", "rgb(1,2,3)",
                "hsb(10, 50%, 50%)", "-cos-red, red", "transparent", "derive(-cos-accent, 20%)", "center-left")));
    }

    @Test
    void everyVariableItUsesIsDefinedByBothThemes() {
        Set<String> used = new TreeSet<>();
        Matcher m = VARIABLE_USE.matcher(String.join(";", Sheet.load("app.css").values()));
        while (m.find()) {
            used.add(m.group(1));
        }
        for (String theme : List.of("theme-light.css", "theme-dark.css")) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(Sheet.load(theme).declarations().keySet());
            assertTrue(missing.isEmpty(), theme + " lacks " + missing + " that app.css uses");
        }
        assertTrue(used.contains("-cos-danger") && used.contains("-cos-part-state"), "used: " + used);
    }

    @Test
    void sizesAreInEmSoTheyScaleWithTheFont() {
        List<String> absolute = new ArrayList<>();
        for (String declaration : Sheet.load("app.css").values()) {
            if (PX.matcher(declaration).find()) {
                absolute.add(declaration);
            }
        }
        assertTrue(absolute.isEmpty(), "fixed sizes do not grow at 200%: " + absolute);
    }

    @Test
    void styleClassesTheAppUsesHaveRules() {
        String code = Sheet.load("app.css").code();
        List<String> missing = new ArrayList<>();
        for (String selector : List.of(".wizard", ".wizard-steps", ".wizard-product", ".wizard-step.current",
                ".wizard-step.visited", ".wizard-content", ".wizard-buttons", ".button.danger", ".page-title",
                ".page-subtitle", ".help-text", ".error-text", ".warning-text", ".ok-text", ".card", ".card:selected",
                ".card.disabled-card", ".partition-bar", ".partition-segment", ".role-efi", ".role-bios", ".role-oem",
                ".role-recovery", ".role-state", ".role-persistent", ".role-free", ".role-existing", ".check-row.passed",
                ".check-row.failed", ".log-area", ".capacity-line", ".digest")) {
            if (!Pattern.compile(Pattern.quote(selector) + "(?![-\\w])").matcher(code).find()) {
                missing.add(selector);
            }
        }
        assertTrue(missing.isEmpty(), "no rule for " + missing);
    }

    static List<String> literalColours(Iterable<String> values) {
        List<String> found = new ArrayList<>();
        for (String value : values) {
            Matcher hex = HEX.matcher(value);
            while (hex.find()) {
                found.add(hex.group());
            }
            Matcher function = FUNCTION.matcher(value);
            while (function.find()) {
                found.add(function.group(1).toLowerCase(Locale.ROOT) + "(");
            }
            Matcher word = WORD.matcher(value);
            while (word.find()) {
                if (NAMED_COLOURS.contains(word.group().toLowerCase(Locale.ROOT))) {
                    found.add(word.group());
                }
            }
        }
        return found;
    }
}
