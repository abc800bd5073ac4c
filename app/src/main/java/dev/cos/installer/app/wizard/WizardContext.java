package dev.cos.installer.app.wizard;

import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.fx.Background;
import java.util.Objects;

/**
 * What every page ViewModel may use: the shared answers, the engine (called only through
 * {@code background}), the UI-thread poster, and the frame's navigation (e.g. Retry shows the summary).
 */
public record WizardContext(WizardModel model, Engine engine, Background background, Navigator navigator) {

    public WizardContext {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(navigator, "navigator");
    }

    /** Page changes a page may ask for (the frame implements it). */
    public interface Navigator {
        void show(Page page);
    }
}
