package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GuiProbeTest {

    @Test
    void withoutThePropertyThereIsNoProbe() {
        assertTrue(GuiProbe.fromProperties(Map.<String, String>of()::get).isEmpty());
        assertTrue(GuiProbe.fromProperties(Map.of("cos.gui.probe", " ")::get).isEmpty());
    }

    @Test
    void thePropertyTurnsItOn() {
        assertTrue(GuiProbe.fromProperties(Map.of("cos.gui.probe", "/tmp/texts.txt", "cos.gui.probe.install", "/tmp/a.img")::get)
                .isPresent());
    }

    @Test
    void onlyTheTestClassPathInstallsTheProbe() {
        assertTrue(ServiceLoader.load(WizardShownHook.class).stream().anyMatch(hook -> hook.type() == GuiProbe.class),
                "the tests' META-INF/services entry installs the probe as a hook");
        assertTrue(GuiProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith("/test-classes/"),
                "the probe is test code, not in the shipped app.jar");
    }
}
