package dev.cos.installer.app;

import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.dialogs.FxDialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.window.WizardView;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
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
            new FxDialogService(Optional::empty).showError(Messages.get("app.engine-missing"), engineMissing.getMessage());
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
            dev.cos.installer.app.recovery.RecoveryScreen.show(stage, options.theme(), options.kiosk(),
                    options.offline().map(target -> target.target()), engine);
            return;
        }
        WizardModel model = new WizardModel(options.imageFile());
        engine = new ProcessEngine(launcher);
        DialogService dialogs = new FxDialogService(() -> Optional.ofNullable(stage.isShowing() ? stage : null));
        Wizard wizard = Wizard.create(model, engine, new FxBackground(), dialogs);
        WizardView view = new WizardView(wizard, () -> confirmQuit(wizard, stage, dialogs));
        Scene scene = new Scene(view.root(), 1024, 720);
        Styles.apply(scene, options.theme());
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.name"));
        Icons.applyTo(stage);
        stage.setOnCloseRequest(event -> {
            event.consume();
            confirmQuit(wizard, stage, dialogs);
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
    private void confirmQuit(Wizard wizard, Stage stage, DialogService dialogs) {
        Page page = wizard.frame().current().get();
        if (page == Page.DONE || page == Page.WELCOME) {
            stage.close();
            Platform.exit();
            return;
        }
        if (page == Page.PROGRESS) {
            dialogs.inform(Messages.get("quit.during-install.header"), Messages.get("quit.during-install.text"),
                    Messages.get("quit.during-install.keep"));
            return;
        }
        if (dialogs.confirm(Messages.get("quit.header"), Messages.get("quit.text"), Messages.get("quit.quit"),
                Messages.get("quit.stay"))) {
            stage.close();
            Platform.exit();
        }
    }
}
