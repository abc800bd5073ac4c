package dev.cos.installer.job;

import dev.cos.installer.words.Phrase;

/**
 * Receives what a running job does, in order, on the job's thread. The CLI renders these as
 * text or as one JSON object per line ({@code --progress=json}, docs/progress-protocol.md).
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() { };

    /** A step began: its 1-based index among {@code total} steps; its title in English. */
    default void stepStarted(String step, String title, int index, int total) { }

    /**
     * A step began, with its title as code + arguments (what the runner calls). Listeners that only
     * show English override {@link #stepStarted(String, String, int, int)}.
     */
    default void stepStarted(String step, Phrase title, int index, int total) {
        stepStarted(step, title.english(), index, total);
    }

    /**
     * Overall progress moved.
     *
     * @param overall fraction 0..1 of the whole job, weighted by step
     * @param step fraction 0..1 of the current step
     * @param bytesDone bytes processed in this step, or -1 when the step does not count bytes
     * @param bytesTotal bytes expected in this step, or -1 when unknown
     */
    default void progress(String stepId, double overall, double step, long bytesDone, long bytesTotal) { }

    default void stepFinished(String step, long millis) { }

    /** A line worth showing a person (the full command log goes to the log file). */
    default void log(String level, String message) { }
}
