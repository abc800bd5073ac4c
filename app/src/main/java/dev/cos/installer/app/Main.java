package dev.cos.installer.app;

import dev.cos.installer.log.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;

/**
 * Starts the app. A separate class from the {@link Application} so it runs from a plain class path
 * (JavaFX checks the main class, not the launcher).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty(LogSetup.FILE_PROPERTY) == null) {
            // Before the first logger: the GUI runs as the user, so its log lives in the user's state directory.
            System.setProperty(LogSetup.FILE_PROPERTY, guiLogFile(System.getenv(), Path.of(System.getProperty("user.home"))).toString());
        }
        Application.launch(InstallerApp.class, args);
    }

    /** $XDG_STATE_HOME/cos-installer/gui.log, else ~/.local/state/cos-installer/gui.log (created), else the temp dir. */
    static Path guiLogFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_STATE_HOME");
        Path dir = (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/state"))
                .resolve("cos-installer");
        try {
            Files.createDirectories(dir);
            return dir.resolve("gui.log");
        } catch (IOException | SecurityException e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "cos-installer-gui-" + System.getProperty("user.name") + ".log");
        }
    }
}
