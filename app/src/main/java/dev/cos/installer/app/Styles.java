package dev.cos.installer.app;

import java.net.URL;
import javafx.scene.Scene;

/**
 * The theme: a sheet of looked-up colour variables (light or dark) under the app's sheet, which uses
 * only the variables (styles module, {@code /dev/cos/installer/styles/}).
 */
public final class Styles {

    private static final String BASE = "/dev/cos/installer/styles/";

    private Styles() {}

    /** @param theme light, dark or auto (auto: light until the styles module reads the desktop's preference) */
    public static void apply(Scene scene, String theme) {
        scene.getStylesheets().clear();
        add(scene, "dark".equals(theme) ? "theme-dark.css" : "theme-light.css");
        add(scene, "app.css");
    }

    private static void add(Scene scene, String sheet) {
        URL url = Styles.class.getResource(BASE + sheet);
        if (url != null) {
            scene.getStylesheets().add(url.toExternalForm());
        }
    }
}
