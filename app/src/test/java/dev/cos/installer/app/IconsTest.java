package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javafx.scene.image.Image;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The icons load from the icons module at the asked size. */
class IconsTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void diskIconsLoadAtTheAskedSize() {
        for (int size : new int[] {16, 24, 32, 48, 64}) {
            Image image = Icons.disk("disk", "nvme", false, size);
            assertFalse(image.isError(), "nvme " + size);
            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
        }
        assertEquals(20, Icons.disk("disk", "usb", true, 20).getWidth(), "scaled from 24");
        assertEquals(96, Icons.disk("disk", "mmc", true, 96).getWidth(), "scaled from 64");
        assertFalse(Icons.imageFile(32).isError());
    }

    @Test
    void differentDisksGetDifferentPictures() {
        Image nvme = Icons.disk("disk", "nvme", false, 32);
        Image usb = Icons.disk("disk", "usb", true, 32);
        assertFalse(samePixels(nvme, usb));
        assertSame(nvme, Icons.disk("disk", "nvme", false, 32), "cached");
    }

    @Test
    void everyTrayStateHasAnIcon() {
        for (String state : Icons.TRAY_STATES) {
            Image image = Icons.trayState(state, 24);
            assertFalse(image.isError(), state);
            assertEquals(24, image.getWidth());
        }
        assertFalse(Icons.trayState("OK", 16).isError(), "any case");
        assertThrows(IllegalArgumentException.class, () -> Icons.trayState("sleeping", 16));
    }

    @Test
    void theAppIconComesUpTo512() {
        assertEquals(512, Icons.app(512).getWidth());
        assertThrows(IllegalArgumentException.class, () -> Icons.app(0));
    }

    private static boolean samePixels(Image a, Image b) {
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
