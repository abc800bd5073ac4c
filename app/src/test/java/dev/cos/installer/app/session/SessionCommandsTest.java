package dev.cos.installer.app.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeSessionCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The session's commands against tiny helper programs standing in for gsettings and gdbus. */
class SessionCommandsTest {

    private final SessionCommands commands = SessionCommands.processes();

    @Test
    void readsTheFirstLine() {
        var probe = new ColorSchemeProbe(commands, List.of("printf", "'prefer-dark'\\nignored\\n"), Duration.ofSeconds(5));
        assertEquals(Optional.of("'prefer-dark'"), probe.read());
    }

    @Test
    void aHangingDesktopIsUnknownWithinTheTimeout() {
        var probe = new ColorSchemeProbe(commands, List.of("sleep", "30"), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), probe.read());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "waited " + millis + " ms");
    }

    @Test
    void aChildThatKeepsTheOutputOpenDoesNotHoldUpTheAnswer() {
        // gsettings may start a D-Bus daemon that inherits its stdout (the live ISO): the answer is
        // there when gsettings exits, and the pipe never reaches its end.
        var probe = new ColorSchemeProbe(commands, List.of("sh", "-c", "echo \"'prefer-dark'\"; sleep 30 &"), Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertEquals(Optional.of("'prefer-dark'"), probe.read());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "answered without waiting for the daemon");
    }

    @Test
    void aFailingOrMissingCommandIsUnknown() {
        assertEquals(Optional.empty(), commands.ask(List.of("false"), Duration.ofSeconds(5)));
        assertEquals(Optional.empty(), commands.ask(List.of("/nonexistent/gsettings"), Duration.ofSeconds(5)));
    }

    @Test
    void asksGsettingsForTheGnomeColorScheme() {
        assertEquals(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), ColorSchemeProbe.GSETTINGS);
    }

    @Test
    void theTrayLooksForAStatusNotifierHostOnTheSessionBus() {
        var withHost = new FakeSessionCommands().answering(TrayHostProbe.WATCHER_QUERY, "(true,)");
        assertTrue(new TrayHostProbe(withHost).statusNotifierWatcher());
        assertEquals(List.of(TrayHostProbe.WATCHER_QUERY), withHost.commands());
        assertFalse(new TrayHostProbe(new FakeSessionCommands().answering(TrayHostProbe.WATCHER_QUERY, "(false,)"))
                .statusNotifierWatcher());
        assertFalse(new TrayHostProbe(new FakeSessionCommands()).statusNotifierWatcher(), "no session bus: no host");
    }

    @Test
    void powerActionsAskSystemctlAndSayWhenItRefused() throws Exception {
        var commands = new FakeSessionCommands().exiting(List.of("systemctl", "poweroff"), 1);
        SystemPower power = SystemPower.systemctl(commands);
        power.reboot();
        IOException refused = assertThrows(IOException.class, power::powerOff);
        assertEquals("systemctl poweroff failed with exit code 1", refused.getMessage());
        assertEquals(List.of(List.of("systemctl", "reboot"), List.of("systemctl", "poweroff")), commands.commands());
    }

    @Test
    void runGivesTheExitCode() throws Exception {
        assertEquals(0, commands.run(List.of("true")));
        assertEquals(1, commands.run(List.of("false")));
        assertThrows(IOException.class, () -> commands.run(List.of("/nonexistent/systemctl")));
    }
}
