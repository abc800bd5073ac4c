package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.dialogs.FxDialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.session.SystemPower;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The {@code --tray} face: the status window over the engine, its status read at once. */
public final class TrayApp {

    /**
     * The running face.
     *
     * @param icon completes (on the FX thread) once {@link DesktopTray} has chosen how the icon is shown
     */
    public record Shown(TrayViewModel viewModel, CompletableFuture<TrayIconHost> icon) {}

    private TrayApp() {}

    /**
     * Puts the icon on the desktop (the window opens from its menu, and by itself after a fallback), or
     * shows the window when there is no tray (closing it then quits); reads the status at once.
     * Call on the FX thread.
     */
    public static Shown show(Stage stage, Engine engine, String theme) {
        TrayViewModel viewModel = new TrayViewModel(engine, new FxBackground(), SystemPower.systemctl(),
                new FxDialogService(() -> Optional.ofNullable(stage.isShowing() ? stage : null)));
        TrayWindow window = new TrayWindow(viewModel);
        Scene scene = new Scene((javafx.scene.Parent) window.root(), 960, 760);
        Styles.apply(scene, theme);
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.tooltip());
        Icons.applyTo(stage);
        Runnable quit = () -> {
            stage.hide();
            Platform.exit();
        };
        Runnable open = () -> {
            stage.show();
            stage.toFront();
            window.initialFocus().requestFocus();
        };
        CompletableFuture<TrayIconHost> icon = new CompletableFuture<>();
        // Until the icon is up, closing the last window must not end the app.
        Platform.setImplicitExit(false);
        DesktopTray.install(stage, viewModel, open, quit, host -> {
            if (host.keepsRunningWithoutWindow()) {
                // With an icon on the desktop, closing the window only hides it; Quit is in the icon's menu.
                stage.setOnCloseRequest(e -> {
                    e.consume();
                    stage.hide();
                });
                // Autostarted at every login: the window opens by itself only when something needs the person.
                viewModel.state().addListener((obs, was, state) -> {
                    if (state == TrayState.FALLBACK) {
                        open.run();
                    }
                });
                if (viewModel.state().get() == TrayState.FALLBACK) {
                    open.run();
                }
            } else {
                stage.setOnHidden(e -> Platform.exit());
                open.run();
            }
            icon.complete(host);
        });
        viewModel.refresh();
        // The configured container image is asked again every few hours (a HEAD request each time).
        UpdateSchedule.from(System::getProperty, System.getenv()).every().ifPresent(every -> {
            javafx.animation.Timeline checks = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                    javafx.util.Duration.millis(every.toMillis()), e -> viewModel.checkForUpdate()));
            checks.setCycleCount(javafx.animation.Animation.INDEFINITE);
            checks.play();
        });
        return new Shown(viewModel, icon);
    }
}
