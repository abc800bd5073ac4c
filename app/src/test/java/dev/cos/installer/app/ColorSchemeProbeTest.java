package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe against tiny helper programs standing in for gsettings. */
class ColorSchemeProbeTest {

    @Test
    void readsTheFirstLine() {
        var probe = new ColorSchemeProbe(List.of("printf", "'prefer-dark'\\nignored\\n"), Duration.ofSeconds(5));
        assertEquals(Optional.of("'prefer-dark'"), probe.read());
    }

    @Test
    void aHangingDesktopIsUnknownWithinTheTimeout() {
        var probe = new ColorSchemeProbe(List.of("sleep", "30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), probe.read());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "waited " + millis + " ms");
    }

    @Test
    void aChildThatKeepsTheOutputOpenDoesNotHoldUpTheAnswer() {
        // gsettings may start a D-Bus daemon that inherits its stdout (the live ISO): the answer is
        // there when gsettings exits, and the pipe never reaches its end.
        var probe = new ColorSchemeProbe(List.of("sh", "-c", "echo \"'prefer-dark'\"; sleep 30 &"), Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertEquals(Optional.of("'prefer-dark'"), probe.read());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "answered without waiting for the daemon");
    }

    @Test
    void aFailingOrMissingCommandIsUnknown() {
        assertEquals(Optional.empty(), new ColorSchemeProbe(List.of("false"), Duration.ofSeconds(5)).read());
        assertEquals(Optional.empty(), new ColorSchemeProbe(List.of("/nonexistent/gsettings"), Duration.ofSeconds(5)).read());
    }

    @Test
    void asksGsettingsForTheGnomeColorScheme() {
        assertEquals(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), ColorSchemeProbe.GSETTINGS);
    }
}
