package dev.cos.installer.app;

import dev.cos.installer.app.session.ColorSchemeProbe;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;

/**
 * The theme: a sheet of looked-up colour variables (light or dark) under the app's sheet, which uses
 * only the variables (styles module, {@code /dev/cos/installer/styles/}). Switching theme swaps one
 * sheet; other sheets a scene has are kept.
 *
 * <p>Start-up: call {@link #detect} once off the FX thread (InstallerApp.init()); it decides what
 * {@code auto} means. Without it, {@code auto} is light.
 */
public final class Styles {

    private static final String BASE = "/dev/cos/installer/styles/";
    private static final String APP_SHEET = "app.css";

    private static volatile Theme autoTheme = Theme.LIGHT;
    private static volatile Optional<ThemeChoiceFile> choiceFile = Optional.empty();
    /** One thread for the saves: the last choice is the one on disk, in the order they were made. */
    private static final java.util.concurrent.ExecutorService SAVER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "theme-save");
        thread.setDaemon(true);
        return thread;
    });

    private Styles() {}

    /**
     * Reads the saved choice and, when that and GTK_THEME say nothing, asks gsettings (blocks up to 2 s:
     * never on the FX thread). Remembers the result as what {@code auto} means and where the toggle saves.
     *
     * @param option the {@code --theme} value: light, dark or auto
     */
    public static Theme detect(String option, Map<String, String> env, Path home) {
        return detect(option, env, ThemeChoiceFile.of(env, home), ColorSchemeProbe.gsettings());
    }

    static Theme detect(String option, Map<String, String> env, ThemeChoiceFile file, ColorSchemeProbe probe) {
        ThemePreference.Inputs inputs = ThemePreference.Inputs.of(file.read(), env);
        if (ThemePreference.needsColorScheme(option, inputs)) {
            inputs = inputs.withColorScheme(probe.read());
        }
        Theme theme = ThemePreference.resolve(option, inputs);
        autoTheme = theme;
        choiceFile = Optional.of(file);
        return theme;
    }

    /** @param theme light, dark or auto (auto: what {@link #detect} found, light before it ran) */
    public static void apply(Scene scene, String theme) {
        apply(scene, theme.equals("auto") ? autoTheme : Theme.parse(theme).orElse(Theme.LIGHT));
    }

    /** Puts the theme's sheet and the app's sheet first in the scene's sheets, replacing a previous theme. FX thread. */
    public static void apply(Scene scene, Theme theme) {
        List<String> sheets = scene.getStylesheets();
        for (Theme t : Theme.values()) {
            url(t.sheet()).ifPresent(sheets::remove);
        }
        Optional<String> app = url(APP_SHEET);
        app.ifPresent(sheets::remove);
        url(theme.sheet()).ifPresent(u -> sheets.add(0, u));
        app.ifPresent(u -> sheets.add(sheets.isEmpty() ? 0 : 1, u));
    }

    /** The theme the scene shows (light when it has no theme sheet). */
    public static Theme current(Scene scene) {
        Optional<String> dark = url(Theme.DARK.sheet());
        return dark.isPresent() && scene.getStylesheets().contains(dark.get()) ? Theme.DARK : Theme.LIGHT;
    }

    /** Switches the scene to the other theme and saves it as the person's choice. FX thread. */
    public static Theme toggle(Scene scene) {
        Theme next = current(scene).opposite();
        choose(scene, next);
        return next;
    }

    /**
     * Shows the theme and keeps it as the person's choice: {@code auto} means it from now on, and it is
     * saved for the next start (in the background: the FX thread does not wait for the disk).
     */
    public static void choose(Scene scene, Theme theme) {
        apply(scene, theme);
        autoTheme = theme;
        choiceFile.ifPresent(file -> SAVER.execute(() -> file.save(theme)));
    }

    private static Optional<String> url(String sheet) {
        URL url = Styles.class.getResource(BASE + sheet);
        return Optional.ofNullable(url).map(URL::toExternalForm);
    }
}
