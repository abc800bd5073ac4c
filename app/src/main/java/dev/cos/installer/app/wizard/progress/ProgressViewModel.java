package dev.cos.installer.app.wizard.progress;

import dev.cos.installer.app.EngineWords;
import dev.cos.installer.app.Messages;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.app.wizard.InstallOutcome;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The install itself: starts the engine when shown, renders its events (overall bar, current step,
 * elapsed and estimated time left, live log), and shows the done page with the outcome. The install
 * is never cancelled from here: a half-written disk is worse than waiting. UI thread only.
 */
public final class ProgressViewModel implements PageViewModel {

    /** Below this share of the job the estimate is noise: say "estimating" instead. */
    static final double ESTIMATE_FROM_FRACTION = 0.03;

    private final WizardContext context;
    private final Supplier<Instant> clock;
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty stepTitle = new SimpleStringProperty("");
    private final StringProperty stepCounter = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final List<String> transcript = new ArrayList<>();
    private Instant startedAt;
    private Optional<String> logFile = Optional.empty();
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));

    public ProgressViewModel(WizardContext context) {
        this(context, Instant::now);
    }

    ProgressViewModel(WizardContext context, Supplier<Instant> clock) {
        this.context = context;
        this.clock = clock;
    }

    @Override
    public ObservableBooleanValue complete() {
        // The frame offers no Next here: the done page follows by itself.
        return new SimpleBooleanProperty(false);
    }

    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    @Override
    public void onEnter() {
        if (running.get()) {
            return;
        }
        InstallRequest request = context.model().toRequest();
        fraction.set(0);
        stepTitle.set(Messages.get("progress.starting"));
        stepCounter.set("");
        log.clear();
        transcript.clear();
        logFile = Optional.empty();
        startedAt = clock.get();
        running.set(true);
        line(Messages.get("progress.log.started", context.model().target().get().displayName()));
        context.background().run("install",
                () -> context.engine().install(request, event -> context.background().post(() -> apply(event))),
                this::finished, this::crashed);
    }

    /** Renders one engine event. Public for tests that feed events directly. */
    public void apply(Event event) {
        if (event instanceof Event.Start started) {
            logFile = started.log();
            logFile.ifPresent(path -> context.model().logFile().set(path));
            logFile.ifPresent(path -> line(Messages.get("progress.log.file", path)));
        } else if (event instanceof Event.StepStarted step) {
            String title = EngineWords.text(step.code(), step.args(), step.title());
            stepTitle.set(title);
            stepCounter.set(Messages.get("progress.step-counter", step.index(), step.total()));
            line("[" + step.index() + "/" + step.total() + "] " + title);
        } else if (event instanceof Event.Progress progress) {
            fraction.set(Math.max(fraction.get(), clamp(progress.fraction())));
        } else if (event instanceof Event.Log message) {
            line(message.level().toUpperCase(java.util.Locale.ROOT) + "  " + message.message());
        } else if (event instanceof Event.StepFinished done) {
            line("     " + Messages.get("progress.log.step-done", done.step(), formatDuration(Duration.ofMillis(done.millis()))));
        } else if (event instanceof Event.Result) {
            fraction.set(1);
        } else if (event instanceof Event.Error failed) {
            line(Messages.get("progress.log.failed", failed.message()));
        }
    }

    private void finished(Event last) {
        running.set(false);
        if (last instanceof Event.Result ok) {
            line(Messages.get("progress.log.succeeded", formatDuration(Duration.ofMillis(ok.millis()))));
            context.model().outcome().set(new InstallOutcome.Success(ok.millis(), ok.summaryText(), logFile, transcript));
        } else if (last instanceof Event.Error failed) {
            context.model().outcome().set(new InstallOutcome.Failure(failed.code(), failed.failedStep(),
                    failed.failedStepTitle().map(title -> EngineWords.text(failed.stepCode(), failed.stepArgs(), title)),
                    failed.message(), failed.details(), failed.logFile().or(() -> logFile), transcript));
        }
        context.navigator().show(Page.DONE);
    }

    private void crashed(Throwable error) {
        running.set(false);
        String code = error instanceof EngineException e ? e.code() : "INTERNAL";
        String details = error instanceof EngineException e ? e.details() : String.valueOf(error);
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        line(Messages.get("progress.log.failed", message));
        context.model().outcome().set(new InstallOutcome.Failure(code, Optional.of("engine"),
                Optional.of(stepTitle.get()), message, details, logFile, transcript));
        context.navigator().show(Page.DONE);
    }

    private void line(String text) {
        log.add(text);
        transcript.add(text);
    }

    /** "1:05 elapsed"-style text: m:ss under an hour. */
    public static String formatDuration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** The time left from the share done so far, or empty while it is too early to say. */
    public static Optional<Duration> estimateLeft(Duration elapsed, double fractionDone) {
        if (fractionDone < ESTIMATE_FROM_FRACTION || fractionDone >= 1) {
            return fractionDone >= 1 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        long leftMillis = (long) (elapsed.toMillis() * (1 - fractionDone) / fractionDone);
        return Optional.of(Duration.ofMillis(leftMillis));
    }

    /** "Elapsed 0:42 · about 1:10 left", for the time line under the bar. */
    public String timeLine() {
        if (startedAt == null) {
            return "";
        }
        Duration elapsed = Duration.between(startedAt, clock.get());
        String left = estimateLeft(elapsed, fraction.get()).map(d -> Messages.get("progress.left", formatDuration(d)))
                .orElse(Messages.get("progress.estimating"));
        return Messages.get("progress.elapsed", formatDuration(elapsed)) + " \u00b7 " + left;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    public ReadOnlyDoubleProperty fraction() {
        return fraction;
    }

    public ReadOnlyStringProperty stepTitle() {
        return stepTitle;
    }

    public ReadOnlyStringProperty stepCounter() {
        return stepCounter;
    }

    /** True while the engine works: the window asks before closing and never kills it. */
    public ReadOnlyBooleanProperty running() {
        return running;
    }

    public ObservableList<String> log() {
        return log;
    }
}
