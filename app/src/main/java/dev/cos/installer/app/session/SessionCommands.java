package dev.cos.installer.app.session;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The app's own commands in the person's desktop session (gsettings, gdbus, systemctl): the one seam
 * in the GUI, besides the engine launcher, that starts processes. They run as the person, not through
 * the root engine, because they ask or act on that person's session (docs/privileges.md). Argument
 * lists only, never a shell; every command is logged.
 */
public interface SessionCommands {

    /**
     * Asks a question: runs {@code argv} with no input and returns its first output line. Blocks up to
     * {@code timeout}: never on the FX thread.
     *
     * @return the first line, empty when the command is missing, fails, prints nothing or does not
     *     answer in time (a session without D-Bus is a normal case, not an error)
     */
    Optional<String> ask(List<String> argv, Duration timeout);

    /** Runs {@code argv} to its end. @return its exit code; @throws IOException when it cannot start */
    int run(List<String> argv) throws IOException;

    /** Real processes. */
    static SessionCommands processes() {
        return new ProcessSessionCommands();
    }
}
