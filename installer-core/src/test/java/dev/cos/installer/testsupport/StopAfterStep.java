package dev.cos.installer.testsupport;

import dev.cos.installer.job.StepHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY, and only in test builds: with {@value #VARIABLE}=STEP-ID in the environment, a job's
 * process halts right after that step ({@code Runtime.halt(137)}, no cleanup, no shutdown hooks), as a
 * SIGKILL or a power cut would, so interruption tests can check what an interrupted run leaves behind.
 * The shipped engine has no such hook: {@link #classPath} puts this class and its service registration
 * on a child CLI's class path, where the production wiring finds it (Wiring.system's ServiceLoader).
 */
public final class StopAfterStep implements StepHook {

    public static final String VARIABLE = "COS_INSTALLER_TEST_STOP_AFTER";
    static final int EXIT_CODE = 137;
    private static final Logger LOG = LoggerFactory.getLogger(StopAfterStep.class);

    private final String stepId;

    /** What ServiceLoader makes: the step this process's environment names, if any. */
    public StopAfterStep() {
        this(System.getenv());
    }

    StopAfterStep(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        this.stepId = value == null ? "" : value.strip();
    }

    @Override
    public void after(String finishedStep) {
        if (!stepId.isEmpty() && stepId.equals(finishedStep)) {
            LOG.warn("{}={}: halting now (test only)", VARIABLE, finishedStep);
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    /**
     * A class path entry holding only this class and its registration as the engine's step hook, for a
     * child {@code java -cp cos-installer.jar:ENTRY} (not the whole test class path: its logging
     * configuration and test resources would change the child).
     */
    public static synchronized Path classPath() {
        try {
            // Beside the jar it is used with (a test JVM works in the module directory), one per test JVM.
            Path entry = Path.of("target", "stop-hook-" + ProcessHandle.current().pid()).toAbsolutePath();
            String resource = StopAfterStep.class.getName().replace('.', '/') + ".class";
            Path compiled = Path.of(StopAfterStep.class.getClassLoader().getResource(resource).toURI());
            Files.createDirectories(entry.resolve(resource).getParent());
            Files.copy(compiled, entry.resolve(resource), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path services = entry.resolve("META-INF/services/" + StepHook.class.getName());
            Files.createDirectories(services.getParent());
            Files.writeString(services, StopAfterStep.class.getName() + "\n");
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
