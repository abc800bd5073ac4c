package dev.cos.installer.app;

import javafx.application.Application;

/**
 * Starts the app. A separate class from the {@link Application} so it runs from a plain class path
 * (JavaFX checks the main class, not the launcher).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Application.launch(InstallerApp.class, args);
    }
}
