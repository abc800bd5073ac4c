package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.app.tray.DesktopTray.Choice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ways of showing the icon are tried, in which order, for each desktop. */
class DesktopTrayTest {

    @Test
    void aStatusNotifierDesktopGetsAnAppIndicatorFirst() {
        assertEquals(List.of(Choice.DORKBOX_APPINDICATOR, Choice.DORKBOX_GTK, Choice.AWT, Choice.WINDOW),
                DesktopTray.order("auto", true, true));
        assertEquals(List.of(Choice.DORKBOX_APPINDICATOR, Choice.WINDOW), DesktopTray.order("auto", true, false));
    }

    @Test
    void anXembedTrayGetsDorkboxThenAwt() {
        assertEquals(List.of(Choice.DORKBOX_GTK, Choice.AWT, Choice.WINDOW), DesktopTray.order("auto", false, true));
        assertEquals(List.of(Choice.DORKBOX_GTK, Choice.AWT, Choice.WINDOW), DesktopTray.order("nonsense", false, true));
    }

    @Test
    void noTrayAtAllLeavesTheWindow() {
        assertEquals(List.of(Choice.WINDOW), DesktopTray.order("auto", false, false));
        assertEquals(List.of(Choice.WINDOW), DesktopTray.order("awt", true, false));
    }

    @Test
    void thePreferenceNarrowsTheChoice() {
        assertEquals(List.of(Choice.AWT, Choice.WINDOW), DesktopTray.order("awt", true, true));
        assertEquals(List.of(Choice.DORKBOX_APPINDICATOR, Choice.DORKBOX_GTK, Choice.WINDOW),
                DesktopTray.order(" Dorkbox ", true, true));
        assertEquals(List.of(Choice.WINDOW), DesktopTray.order("window", true, true));
    }
}
