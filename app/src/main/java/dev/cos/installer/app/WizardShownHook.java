package dev.cos.installer.app;

import dev.cos.installer.app.wizard.window.Wizard;
import javafx.scene.Scene;

/**
 * A seam for tests: code that watches the wizard once it is on screen (the test probe, which writes
 * what the window shows). Found with {@link java.util.ServiceLoader} on the class path; the shipped
 * jars provide none, so the shipped start-up runs no test code. A test installs one with a
 * {@code META-INF/services/dev.cos.installer.app.WizardShownHook} entry (docs/privileges.md, "The probe").
 */
public interface WizardShownHook {

    /** Called once on the FX thread, right after the wizard's stage is shown. */
    void wizardShown(Scene scene, Wizard wizard);
}
