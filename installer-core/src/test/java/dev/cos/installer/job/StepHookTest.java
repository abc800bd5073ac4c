package dev.cos.installer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step hook rides on a job's listener: the listener must still hear everything, the hook each finished step. */
class StepHookTest {

    @Test
    void noHookLeavesTheListenerAsItIs() {
        ProgressListener listener = new ProgressListener() { };
        assertSame(listener, StepHook.NONE.around(listener));
    }

    @Test
    void theWrapperForwardsEveryMethodOfTheListener() {
        Class<?> wrapper = ((StepHook) finished -> { }).around(ProgressListener.NONE).getClass();
        List<String> notForwarded = new ArrayList<>();
        for (Method method : ProgressListener.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                notForwarded.add(method.getName() + Arrays.toString(method.getParameterTypes()));
            }
        }
        assertEquals(List.of(), notForwarded, "a listener method the wrapper leaves to its default is lost when a hook is set");
    }

    @Test
    void theHookIsToldAfterAStepAndTheListenerHearsAllOfIt() {
        List<String> heard = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void stepStarted(String step, Phrase title, int index, int total) {
                heard.add("started " + step);
            }

            @Override
            public void stepFinished(String step, long millis) {
                heard.add("finished " + step);
            }

            @Override
            public void log(String level, String message) {
                heard.add(level + " " + message);
            }
        };
        StepHook hook = step -> heard.add("hook " + step);

        new JobRunner(hook.around(listener)).run(List.of(new Step("mount", Words.STEP_MOUNT.with(), 1,
                p -> p.log("mounted"))), step -> dev.cos.installer.error.ErrorCode.INTERNAL);

        assertEquals(List.of("started mount", "info mounted", "hook mount", "finished mount"), heard);
    }
}
