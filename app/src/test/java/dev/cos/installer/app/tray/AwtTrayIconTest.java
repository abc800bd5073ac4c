package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The AWT tray icon's pixels per state, and the window-only fallback where there is no tray. */
@ExtendWith(ApplicationExtension.class)
class AwtTrayIconTest {

    @Start
    void start(Stage stage) {
        // The FX toolkit is needed to read the icons; no window.
    }

    @Test
    void eachStateHasItsOwnOpaqueIconAtTheTraysSize() {
        BufferedImage ok = TrayImages.image(TrayState.UP_TO_DATE, 24);
        BufferedImage fallback = TrayImages.image(TrayState.FALLBACK, 24);
        assertEquals(24, ok.getWidth());
        assertEquals(24, ok.getHeight());
        assertTrue((ok.getRGB(12, 12) >>> 24) > 0, "the centre is drawn");
        int differing = 0;
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 24; x++) {
                differing += ok.getRGB(x, y) != fallback.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differing > 100, "up to date and fallback look different: " + differing + " pixels");
        for (TrayState state : TrayState.values()) {
            assertEquals(22, TrayImages.image(state, 22).getWidth(), state.name());
        }
    }

    @Test
    void withoutATrayThereIsNoIconAndTheWindowIsTheFace() {
        assertEquals(Optional.empty(), AwtTrayIcon.install(TrayImages.all(24), TrayState.UNKNOWN, "cOS", () -> {}, () -> {}),
                "the tests run headless (java.awt.headless=true): no tray");
    }
}
