package dev.cos.installer.app.recovery;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.dialogs.FxDialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.log.LogSetup;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/** Starts the recovery face ({@code --recovery-screen}): full screen, the engine offline when asked. */
public final class RecoveryScreen {

    private RecoveryScreen() {}

    /**
     * Shows the recovery screen over {@code engine}.
     *
     * @param theme the command line's theme choice
     * @param kiosk cover the whole screen (no window manager)
     * @param offlineTarget the disk image or disk the engine works on offline; empty for the running system
     */
    public static void show(Stage stage, String theme, boolean kiosk, Optional<Path> offlineTarget, Engine engine) {
        Optional<Path> guiLog = Optional.ofNullable(System.getProperty(LogSetup.FILE_PROPERTY)).map(Path::of);
        RecoveryViewModel viewModel = new RecoveryViewModel(engine, new FxBackground(), SystemPower.systemctl(),
                new FxDialogService(() -> Optional.ofNullable(stage.isShowing() ? stage : null)), guiLog,
                offlineTarget);
        RecoveryView view = new RecoveryView(viewModel);
        Rectangle2D bounds = Screen.getPrimary().getBounds();
        Scene scene = new Scene((Parent) view.root(), Math.min(1280, bounds.getWidth()), Math.min(860, bounds.getHeight()));
        Styles.apply(scene, theme);
        stage.setScene(scene);
        stage.setTitle(Messages.get("recovery.title") + " - " + Messages.get("app.name"));
        Icons.applyTo(stage);
        if (kiosk) {
            // No window manager in recovery: cover the screen ourselves.
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
        } else {
            stage.setMaximized(true);
        }
        stage.show();
        viewModel.start();
    }
}
