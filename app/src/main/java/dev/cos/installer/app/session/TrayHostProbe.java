package dev.cos.installer.app.session;

import java.time.Duration;
import java.util.List;

/** Asks the session bus whether a StatusNotifier host (a panel that shows such tray icons) is there. */
public final class TrayHostProbe {

    /** gdbus asking whether org.kde.StatusNotifierWatcher has an owner on the session bus. */
    public static final List<String> WATCHER_QUERY = List.of("gdbus", "call", "--session", "--dest",
            "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus", "--method",
            "org.freedesktop.DBus.NameHasOwner", "org.kde.StatusNotifierWatcher");

    private final SessionCommands commands;

    public TrayHostProbe(SessionCommands commands) {
        this.commands = commands;
    }

    /** Blocks up to 5 s (a loaded machine may take a while to start gdbus): off the FX thread. */
    public boolean statusNotifierWatcher() {
        return commands.ask(WATCHER_QUERY, Duration.ofSeconds(5)).map(answer -> answer.startsWith("(true")).orElse(false);
    }
}
