package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's plan call (the summary page asks it before every install) over the real engine,
 * with a tar archive as the source: the engine plans it instead of failing in its cleanup.
 */
class ProcessEnginePlanIT {

    @TempDir
    Path temp;

    @Test
    void theWizardGetsAPlanForATarSource() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(tree.resolve("os-release"), "NAME=wizard-tar\n");
        Path archive = temp.resolve("rootfs.tar.gz");
        Process tar = new ProcessBuilder(List.of("tar", "-C", tree.getParent().toString(), "-czf", archive.toString(), "."))
                .inheritIO().start();
        assertTrue(tar.waitFor() == 0, "tar made the archive");
        Path image = temp.resolve("wizard.img");
        ProcessEngine engine = new ProcessEngine(new EngineLauncher(Path.of(System.getProperty("cos.engine")).toRealPath(), false));

        InstallPlan plan = engine.plan(new InstallRequest(image.toString(), Optional.of("4G"), Optional.of(archive.toString()),
                "hybrid", Map.of()));

        assertTrue(plan.source().digest().startsWith("sha256:"), plan.source().toString());
        assertTrue(plan.operations().stream().anyMatch(op -> op.text().startsWith("tar --extract")), plan.operations().toString());
        assertFalse(Files.exists(image), "a plan creates nothing");
    }
}
