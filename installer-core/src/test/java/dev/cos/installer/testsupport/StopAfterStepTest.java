package dev.cos.installer.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.StepHook;
import dev.cos.installer.service.Wiring;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The test stop point: in no shipped wiring, found by the engine only on a class path a test made. */
class StopAfterStepTest {

    @Test
    void theShippedWiringHasNoStepHook() {
        assertEquals(StepHook.NONE, Wiring.system().stepHook(), "the test class path registers no hook");
    }

    @Test
    void theChildClassPathEntryRegistersOnlyThisHook() throws Exception {
        var entry = StopAfterStep.classPath();
        assertTrue(Files.isRegularFile(entry.resolve("META-INF/services/" + StepHook.class.getName())));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {entry.toUri().toURL()}, StepHook.class.getClassLoader())) {
            List<String> found = ServiceLoader.load(StepHook.class, loader).stream().map(p -> p.type().getName()).toList();
            assertEquals(List.of(StopAfterStep.class.getName()), found);
        }
    }

    @Test
    void aNamedStepLetsOtherStepsPass() {
        new StopAfterStep(Map.of()).after("mount");
        new StopAfterStep(Map.of(StopAfterStep.VARIABLE, "swap")).after("mount");  // the test process goes on
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
