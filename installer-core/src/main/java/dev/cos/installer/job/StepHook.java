package dev.cos.installer.job;

import dev.cos.installer.words.Phrase;

/**
 * Told after each step of a job finished, before the next begins. The wiring holds one (tests set a
 * hook that stops the process at a chosen step); jobs never see it: it rides on their listener.
 */
@FunctionalInterface
public interface StepHook {

    StepHook NONE = finishedStep -> { };

    /** Called on the job's thread right after {@code finishedStep} succeeded. */
    void after(String finishedStep);

    /**
     * {@code listener}, with this hook called when a step finished (before the listener hears of it).
     * Forwards every method of ProgressListener (StepHookTest checks that none is left to its default).
     */
    default ProgressListener around(ProgressListener listener) {
        if (this == NONE) {
            return listener;
        }
        StepHook hook = this;
        return new ProgressListener() {
            @Override
            public void stepStarted(String step, String title, int index, int total) {
                listener.stepStarted(step, title, index, total);
            }

            @Override
            public void stepStarted(String step, Phrase title, int index, int total) {
                listener.stepStarted(step, title, index, total);
            }

            @Override
            public void progress(String stepId, double overall, double step, long bytesDone, long bytesTotal) {
                listener.progress(stepId, overall, step, bytesDone, bytesTotal);
            }

            @Override
            public void stepFinished(String step, long millis) {
                hook.after(step);
                listener.stepFinished(step, millis);
            }

            @Override
            public void log(String level, String message) {
                listener.log(level, message);
            }
        };
    }
}
