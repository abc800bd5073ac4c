package dev.cos.installer.job;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.CommandFailedException;
import dev.cos.installer.process.CommandResult;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps in order, turning each step's own progress into a smooth overall fraction by the
 * steps' weights. Stops at the first failure and reports it as a {@link StepFailedException}
 * naming the step; cleanup is the caller's (its {@link CleanupStack}).
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final ProgressListener listener;

    public JobRunner(ProgressListener listener) {
        this.listener = listener;
    }

    /**
     * Runs the steps built on a fresh cleanup stack and always unwinds it. When the steps succeeded
     * but an undo failed, throws InstallerException(MOUNT) saying the {@code verb} finished.
     *
     * @param steps builds the steps; they push their undo actions on the stack they get
     */
    public void runAndCleanUp(Function<CleanupStack, List<Step>> steps, Function<Step, ErrorCode> failureCode, String verb) {
        CleanupStack cleanup = new CleanupStack();
        boolean succeeded = false;
        try {
            run(steps.apply(cleanup), failureCode);
            succeeded = true;
        } finally {
            List<String> failures = cleanup.unwind();
            if (succeeded && !failures.isEmpty()) {
                throw new InstallerException(ErrorCode.MOUNT, "the " + verb + " finished but cleaning up failed: "
                        + String.join("; ", failures));
            }
        }
    }

    /**
     * @param failureCode the error code of a command failure inside each step (e.g. partitioning)
     */
    public void run(List<Step> steps, Function<Step, ErrorCode> failureCode) {
        double totalWeight = steps.stream().mapToDouble(Step::weight).sum();
        double doneWeight = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String title = step.title().english();
            LOG.info("step {}/{}: {} ({})", i + 1, steps.size(), title, step.id());
            listener.stepStarted(step.id(), step.title(), i + 1, steps.size());
            long started = System.nanoTime();
            Reporter reporter = new Reporter(step, doneWeight, totalWeight);
            try {
                step.action().run(reporter);
            } catch (InstallerException e) {
                throw new StepFailedException(step.id(), step.title(), e);
            } catch (CommandFailedException e) {
                throw new StepFailedException(step.id(), step.title(), fromCommand(failureCode.apply(step), step, e.result()));
            } catch (RuntimeException e) {
                LOG.error("step {} failed unexpectedly", step.id(), e);
                throw new StepFailedException(step.id(), step.title(),
                        new InstallerException(ErrorCode.INTERNAL, title + " failed because of an internal error ("
                                + FailureWords.describe(e) + "); the log has the details", e.toString(), e));
            } catch (Exception e) {
                throw new StepFailedException(step.id(), step.title(),
                        new InstallerException(failureCode.apply(step), title + " failed: " + FailureWords.describe(e), null, e));
            }
            doneWeight += step.weight();
            listener.progress(step.id(), totalWeight == 0 ? 1 : doneWeight / totalWeight, 1, -1, -1);
            listener.stepFinished(step.id(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    static InstallerException fromCommand(ErrorCode code, Step step, CommandResult result) {
        String stderr = result.stderr().strip();
        String message = step.title().english() + " failed: `" + result.command().display() + "` exited with "
                + result.exitCode() + (stderr.isEmpty() ? "" : ": " + lastLine(stderr));
        String details = "command: " + result.command().display() + "\nexit code: " + result.exitCode()
                + "\nstdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr();
        return new InstallerException(code, message, details);
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }

    private final class Reporter implements StepProgress {
        private final Step step;
        private final double doneWeight;
        private final double totalWeight;

        Reporter(Step step, double doneWeight, double totalWeight) {
            this.step = step;
            this.doneWeight = doneWeight;
            this.totalWeight = totalWeight;
        }

        @Override
        public void fraction(double done) {
            report(done, -1, -1);
        }

        @Override
        public void update(long done, long total) {
            report(total > 0 ? (double) done / total : 0, done, total);
        }

        private void report(double stepFraction, long done, long total) {
            double clamped = Math.max(0, Math.min(1, stepFraction));
            double overall = totalWeight == 0 ? 0 : (doneWeight + clamped * step.weight()) / totalWeight;
            listener.progress(step.id(), overall, clamped, done, total);
        }

        @Override
        public void log(String message) {
            LOG.info("{}: {}", step.id(), message);
            listener.log("info", message);
        }
    }
}
