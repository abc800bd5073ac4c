package dev.cos.installer.job;

import dev.cos.installer.words.Phrase;

/**
 * One named unit of a job. The weight is its share of the overall progress bar, roughly
 * proportional to its usual duration.
 *
 * @param id the step's name in events, logs and test kill points (sys/TestStop); not a text for people
 * @param title what a person reads while it runs, as a code + arguments ({@link Phrase#english()} in English)
 */
public record Step(String id, Phrase title, double weight, Action action) {

    /** The work of a step; reports its own progress through the handle it gets. */
    @FunctionalInterface
    public interface Action {
        void run(StepProgress progress) throws Exception;
    }
}
