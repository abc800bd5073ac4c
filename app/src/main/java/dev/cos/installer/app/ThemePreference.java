package dev.cos.installer.app;

import java.util.Map;
import java.util.Optional;

/**
 * Decides the theme from what is known at start-up. Pure: the caller reads the environment, the
 * saved choice and gsettings ({@link dev.cos.installer.app.session.ColorSchemeProbe}, {@link ThemeChoiceFile}).
 *
 * <p>Order: {@code --theme=light|dark} wins; with {@code auto}, the person's saved choice (the
 * "Dark theme" toggle), then {@code GTK_THEME} (GTK applications obey it over the settings, so it is
 * decisive when set), then gsettings' {@code color-scheme}; when nothing is known, light.
 */
public final class ThemePreference {

    private ThemePreference() {}

    /**
     * What the person and the desktop said.
     *
     * @param saved the choice saved by the toggle, if any
     * @param gtkTheme the {@code GTK_THEME} environment variable, if set and not blank
     * @param colorScheme the output of {@code gsettings get org.gnome.desktop.interface color-scheme}
     *     (e.g. {@code 'prefer-dark'}), empty when it could not be read
     */
    public record Inputs(Optional<Theme> saved, Optional<String> gtkTheme, Optional<String> colorScheme) {

        /** The inputs before gsettings was asked (or when it need not be). */
        public static Inputs of(Optional<Theme> saved, Map<String, String> env) {
            return new Inputs(saved, Optional.ofNullable(env.get("GTK_THEME")).filter(t -> !t.isBlank()), Optional.empty());
        }

        public Inputs withColorScheme(Optional<String> output) {
            return new Inputs(saved, gtkTheme, output);
        }
    }

    /**
     * @param option the {@code --theme} value: light, dark or auto
     * @return the theme to show
     * @throws IllegalArgumentException for any other option (AppOptions refuses those earlier)
     */
    public static Theme resolve(String option, Inputs inputs) {
        if (!option.equals("auto")) {
            return Theme.parse(option)
                    .orElseThrow(() -> new IllegalArgumentException("theme is light, dark or auto, not '" + option + "'"));
        }
        return inputs.saved()
                .or(() -> inputs.gtkTheme().map(ThemePreference::fromGtkTheme))
                .or(() -> inputs.colorScheme().flatMap(ThemePreference::fromColorScheme))
                .orElse(Theme.LIGHT);
    }

    /** Whether {@link #resolve} would use gsettings' answer: only then is the process worth starting. */
    public static boolean needsColorScheme(String option, Inputs inputs) {
        return option.equals("auto") && inputs.saved().isEmpty() && inputs.gtkTheme().isEmpty();
    }

    /** {@code Adwaita:dark} (GTK's variant syntax) or a theme named {@code ...-dark} is dark; any other named theme light. */
    static Theme fromGtkTheme(String gtkTheme) {
        String t = gtkTheme.strip().toLowerCase(java.util.Locale.ROOT);
        return t.endsWith(":dark") || t.endsWith("-dark") ? Theme.DARK : Theme.LIGHT;
    }

    /** {@code 'prefer-dark'} is dark, {@code 'prefer-light'} light; {@code 'default'} or anything else says nothing. */
    static Optional<Theme> fromColorScheme(String output) {
        String value = output.strip();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1);
        }
        return switch (value) {
            case "prefer-dark" -> Optional.of(Theme.DARK);
            case "prefer-light" -> Optional.of(Theme.LIGHT);
            default -> Optional.empty();
        };
    }
}
