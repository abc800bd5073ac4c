package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.system.SystemPower;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The {@code --tray} face: the status window over the engine, its status read at once. */
public final class TrayApp {

    private TrayApp() {}

    /**
     * Puts the icon in the desktop's tray (the window opens from it, and by itself after a fallback),
     * or shows the window when there is no tray (closing it then quits); then reads the status.
     */
    public static TrayViewModel show(Stage stage, Engine engine, String theme) {
        TrayViewModel viewModel = new TrayViewModel(engine, new FxBackground(), SystemPower.systemctl());
        TrayWindow window = new TrayWindow(viewModel, SourceChooser.dialogs());
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
        };
        Optional<AwtTrayIcon> icon = AwtTrayIcon.install(viewModel, open, quit);
        if (icon.isPresent()) {
            // With an icon in the tray, closing the window only hides it; Quit is in the icon's menu.
            Platform.setImplicitExit(false);
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
        } else {
            stage.setOnHidden(e -> Platform.exit());
            stage.show();
        }
        window.initialFocus().requestFocus();
        viewModel.refresh();
        return viewModel;
    }
}
