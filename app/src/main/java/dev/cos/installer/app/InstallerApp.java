package dev.cos.installer.app;

import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.Wizard;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.WizardView;
import java.nio.file.Path;
import java.util.ServiceLoader;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: picks the face from the command line and shows it. */
public final class InstallerApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(InstallerApp.class);

    private AppOptions options;
    private EngineLauncher launcher;
    private EngineException engineMissing;
    /** The engine of the face shown (one engine session for the app's life), closed in {@link #stop}. */
    private Engine engine;

    @Override
    public void init() {
        // Runs on the launcher thread: file lookups here never block the FX thread.
        options = AppOptions.parse(getParameters().getRaw(), System.getenv(), Path.of(System.getProperty("user.home")));
        // May ask gsettings (up to 2 s): here, never on the FX thread.
        LOG.info("theme: {}", Styles.detect(options.theme(), System.getenv(), Path.of(System.getProperty("user.home"))));
        try {
            launcher = EngineLauncher.locate();
            LOG.info("engine: {} (through pkexec: {})", launcher.engine(), launcher.viaPkexec());
        } catch (EngineException e) {
            engineMissing = e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (engineMissing != null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, engineMissing.getMessage());
            alert.setHeaderText(Messages.get("app.engine-missing"));
            alert.showAndWait();
            Platform.exit();
            return;
        }
        if (options.face() == AppOptions.Face.TRAY) {
            engine = new ProcessEngine(launcher, options.offline());
            dev.cos.installer.app.tray.TrayApp.show(stage, engine, options.theme());
            return;
        }
        if (options.face() == AppOptions.Face.RECOVERY) {
            engine = new ProcessEngine(launcher, options.offline());
            dev.cos.installer.app.recovery.RecoveryScreen.show(stage, options, engine);
            return;
        }
        WizardModel model = new WizardModel(options.imageFile());
        engine = new ProcessEngine(launcher);
        Wizard wizard = Wizard.create(model, engine, new FxBackground());
        WizardView view = new WizardView(wizard, () -> confirmQuit(wizard, stage));
        Scene scene = new Scene(view.root(), 1024, 720);
        Styles.apply(scene, options.theme());
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.name"));
        Icons.applyTo(stage);
        stage.setOnCloseRequest(event -> {
            event.consume();
            confirmQuit(wizard, stage);
        });
        if (options.kiosk()) {
            // No window manager on the live ISO: full-screen requests are ignored, so cover the screen ourselves.
            stage.initStyle(StageStyle.UNDECORATED);
            Rectangle2D bounds = Screen.getPrimary().getBounds();
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
        }
        stage.show();
        wizard.frame().show(Page.WELCOME);
        // Only tests put hooks on the class path (PrivilegeIT's probe); the shipped jars have none.
        ServiceLoader.load(WizardShownHook.class).forEach(hook -> hook.wizardShown(scene, wizard));
    }

    /**
     * The app ends (every face ends through Platform.exit): the engine session's stdin is closed, so the
     * engine exits once its current job, if any, is done.
     */
    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * Quitting never kills the engine mid-install: during the install the person may only choose to
     * quit once it has finished.
     */
    private void confirmQuit(Wizard wizard, Stage stage) {
        Page page = wizard.frame().current().get();
        if (page == Page.DONE || page == Page.WELCOME) {
            stage.close();
            Platform.exit();
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        if (page == Page.PROGRESS) {
            alert.setHeaderText(Messages.get("quit.during-install.header"));
            alert.setContentText(Messages.get("quit.during-install.text"));
            ButtonType keep = new ButtonType(Messages.get("quit.during-install.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
            alert.getButtonTypes().setAll(keep);
            alert.showAndWait();
            return;
        }
        alert.setHeaderText(Messages.get("quit.header"));
        alert.setContentText(Messages.get("quit.text"));
        ButtonType quit = new ButtonType(Messages.get("quit.quit"), ButtonBar.ButtonData.OK_DONE);
        ButtonType stay = new ButtonType(Messages.get("quit.stay"), ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(stay, quit);
        alert.showAndWait().filter(quit::equals).ifPresent(b -> {
            stage.close();
            Platform.exit();
        });
    }
}
