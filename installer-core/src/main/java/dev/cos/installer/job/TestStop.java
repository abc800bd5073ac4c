package dev.cos.installer.job;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST ONLY: with {@value #VARIABLE}=STEP-ID in the environment, a job kills its own process right
 * after that step ({@code Runtime.halt(137)}, no cleanup, no shutdown hooks), as a SIGKILL or a
 * power cut would, so interruption tests can check what an interrupted run leaves behind. Never set
 * it outside tests.
 */
public final class TestStop {

    public static final String VARIABLE = "COS_INSTALLER_TEST_STOP_AFTER";
    static final int EXIT_CODE = 137;
    private static final Logger LOG = LoggerFactory.getLogger(TestStop.class);

    private final Optional<String> stepId;

    public TestStop(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        this.stepId = value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public static TestStop none() {
        return new TestStop(Map.of());
    }

    public static TestStop fromEnvironment() {
        return new TestStop(System.getenv());
    }

    /** The same steps, each followed by {@link #after} with its id. */
    public java.util.List<Step> afterEach(java.util.List<Step> steps) {
        return steps.stream().map(step -> new Step(step.id(), step.title(), step.weight(), p -> {
            step.action().run(p);
            after(step.id());
        })).toList();
    }

    /** Halts the JVM when {@code finishedStep} is the step the environment names. */
    public void after(String finishedStep) {
        if (stepId.isPresent() && stepId.get().equals(finishedStep)) {
            LOG.warn("{}={}: halting now (test only)", VARIABLE, finishedStep);
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
