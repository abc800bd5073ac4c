package dev.cos.installer.app;

import java.io.InputStream;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The window icons, from the icons module ({@code /dev/cos/installer/icons/}). */
public final class Icons {

    private static final String BASE = "/dev/cos/installer/icons/";

    private Icons() {}

    public static void applyTo(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            InputStream png = Icons.class.getResourceAsStream(BASE + "cos-installer-" + size + ".png");
            if (png != null) {
                stage.getIcons().add(new Image(png));
            }
        }
    }
}
