package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineLauncherTest {

    private static final Path CHECKOUT = Path.of("/nonexistent-checkout/app");

    @Test
    void anUnprivilegedGuiStartsTheInstalledEngineThroughPkexec() throws EngineException {
        EngineLauncher launcher = EngineLauncher.locate(Optional.empty(), Map.of(), CHECKOUT, false,
                Set.of(EngineLauncher.INSTALLED_ENGINE)::contains);
        assertTrue(launcher.viaPkexec());
        assertEquals(List.of("pkexec", "/usr/lib/cos-installer/bin/cos-installer", "disks", "--json"),
                launcher.argv(List.of("disks", "--json")));
    }

    @Test
    void rootRunsTheEngineDirectlyAndTheSystemPropertyWins() throws EngineException {
        Path mine = Path.of("/nonexistent/bin/cos-installer");
        EngineLauncher launcher = EngineLauncher.locate(Optional.of(mine.toString()),
                Map.of("COS_INSTALLER_ENGINE", "/other"), CHECKOUT, true, Set.of(mine, EngineLauncher.INSTALLED_ENGINE)::contains);
        assertFalse(launcher.viaPkexec());
        assertEquals(List.of(mine.toString(), "plan"), launcher.argv(List.of("plan")));
    }

    @Test
    void aCheckoutFindsTheSourceTreeLauncher() throws EngineException {
        Path tree = CHECKOUT.resolve("../installer-core/bin/cos-installer");
        EngineLauncher launcher = EngineLauncher.locate(Optional.empty(), Map.of(), CHECKOUT, true, Set.of(tree)::contains);
        assertEquals(tree.toAbsolutePath().normalize(), launcher.engine());
    }

    @Test
    void noEngineAnywhereSaysWhereItLookedAndHowToGetOne() {
        EngineException missing = assertThrows(EngineException.class,
                () -> EngineLauncher.locate(Optional.empty(), Map.of(), CHECKOUT, false, p -> false));
        assertEquals("ENGINE_MISSING", missing.code());
        assertTrue(missing.getMessage().contains("mvn package"), missing.getMessage());
        assertTrue(missing.details().contains("/usr/lib/cos-installer/bin/cos-installer"), missing.details());
    }
}
