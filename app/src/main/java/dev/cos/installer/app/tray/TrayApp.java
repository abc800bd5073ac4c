package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.system.SystemPower;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The {@code --tray} face: the status window over the engine, its status read at once. */
public final class TrayApp {

    private TrayApp() {}

    /** Shows the tray window on {@code stage} and reads the status; closing the window quits. */
    public static TrayViewModel show(Stage stage, Engine engine, String theme) {
        TrayViewModel viewModel = new TrayViewModel(engine, new FxBackground(), SystemPower.systemctl());
        TrayWindow window = new TrayWindow(viewModel, SourceChooser.dialogs());
        Scene scene = new Scene((javafx.scene.Parent) window.root(), 960, 760);
        Styles.apply(scene, theme);
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.tooltip());
        Icons.applyTo(stage);
        stage.setOnHidden(e -> Platform.exit());
        stage.show();
        window.initialFocus().requestFocus();
        viewModel.refresh();
        return viewModel;
    }
}
