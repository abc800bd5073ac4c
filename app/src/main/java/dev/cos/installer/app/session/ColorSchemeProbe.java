package dev.cos.installer.app.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks the desktop for its colour scheme: {@code gsettings get org.gnome.desktop.interface color-scheme}.
 * Blocks up to the timeout: call it off the FX thread (InstallerApp.init()). Any failure (no gsettings,
 * no D-Bus session, a hang, a non-zero exit) is "unknown".
 */
public final class ColorSchemeProbe {

    /** The desktop's command, as an argument list (never through a shell). */
    public static final List<String> GSETTINGS = List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");

    private final SessionCommands commands;
    private final List<String> command;
    private final Duration timeout;

    public ColorSchemeProbe(SessionCommands commands, List<String> command, Duration timeout) {
        this.commands = commands;
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** gsettings with a 2 s timeout. */
    public static ColorSchemeProbe gsettings() {
        return new ColorSchemeProbe(SessionCommands.processes(), GSETTINGS, Duration.ofSeconds(2));
    }

    /** @return the command's first output line, e.g. {@code 'prefer-dark'}; empty when it failed or did not answer in time */
    public Optional<String> read() {
        return commands.ask(command, timeout);
    }
}
