package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.Styles;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.window.WizardView;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The whole wizard window over a fake engine and a same-thread background, for TestFX view tests. */
public final class WizardStage {

    public final FakeEngine engine;
    public final WizardModel model;
    public final Wizard wizard;
    public final Scene scene;

    private WizardStage(FakeEngine engine, WizardModel model, Wizard wizard, Scene scene) {
        this.engine = engine;
        this.model = model;
        this.wizard = wizard;
        this.scene = scene;
    }

    /** Shows the wizard (1024 x 720, light theme) on {@code stage}; call from a TestFX {@code @Start}. */
    public static WizardStage show(Stage stage, FakeEngine engine, Path defaultImageFile) {
        return show(stage, engine, defaultImageFile, new SameThreadBackground());
    }

    /** As {@link #show(Stage, FakeEngine, Path)}, with the engine's answers arriving through {@code background}. */
    public static WizardStage show(Stage stage, FakeEngine engine, Path defaultImageFile, Background background) {
        WizardModel model = new WizardModel(defaultImageFile);
        Wizard wizard = Wizard.create(model, engine, background, new FakeDialogService());
        Scene scene = new Scene(new WizardView(wizard, () -> {}).root(), 1024, 720);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        return new WizardStage(engine, model, wizard, scene);
    }

    /** Saves {@code <name>-light.png} and {@code <name>-dark.png}; FX thread only. */
    public void screenshots(String name) {
        Styles.apply(scene, "light");
        Screenshots.save(scene, name + "-light");
        Styles.apply(scene, "dark");
        Screenshots.save(scene, name + "-dark");
        Styles.apply(scene, "light");
    }
}
