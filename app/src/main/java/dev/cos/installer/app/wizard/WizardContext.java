package dev.cos.installer.app.wizard;

import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.Background;
import java.util.Objects;

/**
 * What every page ViewModel may use: the shared answers, the engine (called only through
 * {@code background}), the UI-thread poster, and the frame's navigation (e.g. Retry shows the summary), and the dialogs (choosers) a page may open.
 */
public record WizardContext(WizardModel model, Engine engine, Background background, Navigator navigator,
        DialogService dialogs) {

    public WizardContext {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(navigator, "navigator");
        Objects.requireNonNull(dialogs, "dialogs");
    }

    /** Page changes a page may ask for (the frame implements it). */
    public interface Navigator {
        void show(Page page);
    }
}
