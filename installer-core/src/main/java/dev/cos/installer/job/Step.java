package dev.cos.installer.job;

/**
 * One named unit of a job. The weight is its share of the overall progress bar, roughly
 * proportional to its usual duration.
 */
public record Step(String id, String title, double weight, Action action) {

    /** The work of a step; reports its own progress through the handle it gets. */
    @FunctionalInterface
    public interface Action {
        void run(StepProgress progress) throws Exception;
    }
}
