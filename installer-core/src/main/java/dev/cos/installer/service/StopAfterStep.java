package dev.cos.installer.service;

import dev.cos.installer.job.StepHook;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY: with {@value #VARIABLE}=STEP-ID in the environment, a job's process halts right after
 * that step ({@code Runtime.halt(137)}, no cleanup, no shutdown hooks), as a SIGKILL or a power cut
 * would, so interruption tests can check what an interrupted run leaves behind. Never set it outside
 * tests. It is the production wiring's step hook only when the variable is set.
 */
public final class StopAfterStep implements StepHook {

    public static final String VARIABLE = "COS_INSTALLER_TEST_STOP_AFTER";
    static final int EXIT_CODE = 137;
    private static final Logger LOG = LoggerFactory.getLogger(StopAfterStep.class);

    private final String stepId;

    private StopAfterStep(String stepId) {
        this.stepId = stepId;
    }

    /** The hook {@code environment} asks for: none unless {@value #VARIABLE} names a step. */
    public static StepHook fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).<StepHook>map(v -> new StopAfterStep(v.strip()))
                .orElse(StepHook.NONE);
    }

    @Override
    public void after(String finishedStep) {
        if (stepId.equals(finishedStep)) {
            LOG.warn("{}={}: halting now (test only)", VARIABLE, finishedStep);
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
