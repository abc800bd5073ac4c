package dev.cos.installer.app.tray;

import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.app.engine.ProcessEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The {@code --tray} face as InstallerApp starts it (TrayApp over a ProcessEngine), in a JVM of its own
 * on a real X display, driven by {@link TrayIconIT} through stdin: {@code query} prints
 * {@code SHOWN <kind>|<state shown>|<tooltip shown>|<view model state>}, {@code upgrade} starts the
 * upgrade from the configured source (confirmed at once), {@code quit} ends. The engine is
 * {@code -Dcos.engine}, a script the test wrote.
 */
public final class TrayIconHarness {

    private static final AtomicReference<TrayApp.Shown> SHOWN = new AtomicReference<>();

    public static void main(String[] args) {
        Thread commands = new Thread(TrayIconHarness::readCommands, "harness-stdin");
        commands.setDaemon(true);
        commands.start();
        // A class apart from the Application: JavaFX checks the main class, not the launcher.
        Application.launch(App.class, args);
    }

    /** The JavaFX application that TrayIconHarness launches. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            TrayIconHarness.start(stage);
        }
    }

    private static void start(Stage stage) {
        ProcessEngine engine = new ProcessEngine(new EngineLauncher(Path.of(System.getProperty("cos.engine")), false),
                Optional.empty());
        TrayApp.Shown shown = TrayApp.show(stage, engine, "light");
        SHOWN.set(shown);
        shown.icon().thenAccept(host -> say("ICON " + host.kind()));
        shown.viewModel().upgradeStage().addListener((obs, was, now) -> {
            if (now == TrayViewModel.UpgradeStage.CONFIRM) {
                shown.viewModel().confirmUpgrade();
            }
        });
    }

    private static void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                String command = line.strip();
                Platform.runLater(() -> run(command));
            }
        } catch (IOException e) {
            say("ERROR " + e);
        }
    }

    private static void run(String command) {
        TrayApp.Shown shown = SHOWN.get();
        switch (command) {
            case "query" -> {
                if (shown == null || !shown.icon().isDone()) {
                    say("SHOWN none");
                } else {
                    TrayIconHost host = shown.icon().join();
                    say("SHOWN " + host.kind() + "|" + host.shownState() + "|" + host.shownTooltip() + "|"
                            + shown.viewModel().state().get());
                }
            }
            case "upgrade" -> shown.viewModel().upgradeFromConfigured();
            case "quit" -> Platform.exit();
            default -> say("ERROR unknown command " + command);
        }
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
