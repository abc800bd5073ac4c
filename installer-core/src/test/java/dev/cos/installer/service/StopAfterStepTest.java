package dev.cos.installer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The production wiring's step hook: none unless the test-only variable names a step. */
class StopAfterStepTest {

    @Test
    void noVariableOrABlankOneMeansNoHook() {
        assertEquals(StepHook.NONE, StopAfterStep.fromEnvironment(Map.of()));
        assertEquals(StepHook.NONE, StopAfterStep.fromEnvironment(Map.of(StopAfterStep.VARIABLE, "  ")));
    }

    @Test
    void aNamedStepGivesAHookThatLetsOtherStepsPass() {
        StepHook hook = StopAfterStep.fromEnvironment(Map.of(StopAfterStep.VARIABLE, "swap"));

        assertNotEquals(StepHook.NONE, hook);
        hook.after("mount");  // not the named step: the test process goes on
    }

    @Test
    void theHookIsToldBeforeTheListenerHearsAStepFinished() {
        List<String> heard = new ArrayList<>();
        StepHook hook = step -> heard.add("hook " + step);
        ProgressListener listener = hook.around(new ProgressListener() {
            @Override
            public void stepFinished(String step, long millis) {
                heard.add("listener " + step);
            }
        });

        listener.stepFinished("mount", 3);

        assertEquals(List.of("hook mount", "listener mount"), heard);
    }
}
