package dev.cos.installer.app.jobs;

import dev.cos.installer.app.EngineWords;
import dev.cos.installer.app.Messages;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.error.FailureWords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One running engine job as a person follows it: the engine's events folded into the share done, the
 * current step (its title in the GUI's language, {@link EngineWords}), the time left, the log and the outcome. The one place that reads job events for the
 * wizard's progress page, the tray's upgrade and the recovery screen's actions. No JavaFX: tests feed
 * it events; {@link FxJobRun} shows it. Not thread-safe: one thread (the UI thread) only.
 */
public final class JobRun {

    /** Below this share of the job the estimate is noise: say "estimating" instead. */
    static final double ESTIMATE_FROM_FRACTION = 0.03;

    /** The step being worked on: {@code index} is 1-based out of {@code total}. */
    public record Step(String id, String title, int index, int total) {}

    /** Download progress of the current step, when it fetches data. */
    public record Download(long bytesDone, long bytesTotal) {}

    private final Supplier<Instant> clock;
    private Instant startedAt;
    private double fraction;
    private Optional<Step> step = Optional.empty();
    private Optional<Download> download = Optional.empty();
    private Optional<String> logFile = Optional.empty();
    private Optional<JobOutcome> outcome = Optional.empty();
    private final List<String> log = new ArrayList<>();
    private Runnable onChange = () -> {};
    private int runs;

    public JobRun(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Called after every change (on the thread that made it). */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** A new run begins now: everything of the last one is forgotten. {@code firstLine} opens the log. */
    public void start(String firstLine) {
        startedAt = clock.get();
        runs++;
        fraction = 0;
        step = Optional.empty();
        download = Optional.empty();
        logFile = Optional.empty();
        outcome = Optional.empty();
        log.clear();
        log.add(firstLine);
        onChange.run();
    }

    /** Folds one engine event in. The bar never moves backwards. */
    public void apply(Event event) {
        if (event instanceof Event.Start started) {
            logFile = started.log();
            logFile.ifPresent(path -> log.add(Messages.get("progress.log.file", path)));
        } else if (event instanceof Event.StepStarted s) {
            String title = EngineWords.text(s.code(), s.args(), s.title());
            step = Optional.of(new Step(s.step(), title, s.index(), s.total()));
            download = Optional.empty();
            log.add("[" + s.index() + "/" + s.total() + "] " + title);
        } else if (event instanceof Event.Progress p) {
            fraction = Math.max(fraction, clamp(p.fraction()));
            download = p.step().equals("download") ? Optional.of(new Download(p.bytesDone(), p.bytesTotal())) : Optional.empty();
        } else if (event instanceof Event.Log message) {
            log.add(message.level().toUpperCase(Locale.ROOT) + "  " + message.message());
        } else if (event instanceof Event.StepFinished done) {
            log.add("     " + Messages.get("progress.log.step-done", done.step(), formatDuration(Duration.ofMillis(done.millis()))));
        } else if (event instanceof Event.Result) {
            fraction = 1;
        } else if (event instanceof Event.Error failed) {
            log.add(Messages.get("progress.log.failed", failed.message()));
        }
        onChange.run();
    }

    /**
     * The engine's call returned with its last event: the outcome. A stream that ended with neither a
     * result nor an error is a failure (never a success the engine did not report).
     */
    public JobOutcome finished(Event last) {
        JobOutcome result;
        if (last instanceof Event.Result ok) {
            fraction = 1;
            log.add(Messages.get("progress.log.succeeded", formatDuration(Duration.ofMillis(ok.millis()))));
            result = new JobOutcome.Succeeded(ok.millis(), ok.summaryText(), logFile);
        } else if (last instanceof Event.Error failed) {
            result = new JobOutcome.Failed(failed.code(), failed.failedStep(),
                    failed.failedStepTitle().map(title -> EngineWords.text(failed.stepCode(), failed.stepArgs(), title)),
                    failed.message(), failed.details(), failed.logFile().or(() -> logFile));
        } else {
            String message = Messages.get("job.no-result");
            log.add(Messages.get("progress.log.failed", message));
            result = new JobOutcome.Failed("NO_RESULT", step.map(Step::id).or(() -> Optional.of("engine")),
                    step.map(Step::title), message, "last event: " + last, logFile);
        }
        outcome = Optional.of(result);
        onChange.run();
        return result;
    }

    /** The engine could not be run or its answer not read: a failure, in words. */
    public JobOutcome crashed(Throwable error) {
        String message = error instanceof EngineException ? error.getMessage() : FailureWords.describe(error);
        JobOutcome result = new JobOutcome.Failed(error instanceof EngineException e ? e.code() : "INTERNAL",
                Optional.of(step.map(Step::id).orElse("engine")), step.map(Step::title), message,
                error instanceof EngineException e ? e.details() : String.valueOf(error), logFile);
        log.add(Messages.get("progress.log.failed", message));
        outcome = Optional.of(result);
        onChange.run();
        return result;
    }

    /** 0..1 of the whole job, weighted by step. */
    public double fraction() {
        return fraction;
    }

    public Optional<Step> step() {
        return step;
    }

    /** Bytes fetched so far, while the current step downloads. */
    public Optional<Download> download() {
        return download;
    }

    /** The engine's log file, once it said where. */
    public Optional<String> logFile() {
        return logFile;
    }

    /** Every line of this run, oldest first: a read-only view that grows with the run (copy it to keep it). */
    public List<String> log() {
        return Collections.unmodifiableList(log);
    }

    /** How many runs this model has started: a new number means the log began again. */
    public int runNumber() {
        return runs;
    }

    /** Empty while the job runs (or before it started). */
    public Optional<JobOutcome> outcome() {
        return outcome;
    }

    public boolean running() {
        return startedAt != null && outcome.isEmpty();
    }

    /** "Elapsed 0:42 · about 1:10 left", for the time line under the bar; empty before the start. */
    public String timeLine() {
        if (startedAt == null) {
            return "";
        }
        Duration elapsed = Duration.between(startedAt, clock.get());
        String left = estimateLeft(elapsed, fraction).map(d -> Messages.get("progress.left", formatDuration(d)))
                .orElse(Messages.get("progress.estimating"));
        return Messages.get("progress.elapsed", formatDuration(elapsed)) + " \u00b7 " + left;
    }

    /** "1:05"-style text: m:ss under an hour, h:mm:ss from one. */
    public static String formatDuration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** The time left from the share done so far, or empty while it is too early to say. */
    public static Optional<Duration> estimateLeft(Duration elapsed, double fractionDone) {
        if (fractionDone >= 1) {
            return Optional.of(Duration.ZERO);
        }
        if (fractionDone < ESTIMATE_FROM_FRACTION) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (1 - fractionDone) / fractionDone)));
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
