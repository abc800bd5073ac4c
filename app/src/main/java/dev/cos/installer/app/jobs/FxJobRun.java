package dev.cos.installer.app.jobs;

import dev.cos.installer.app.Messages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A {@link JobRun} as JavaFX properties, for the faces to bind: the bar, the step, the time line, the
 * log and the outcome. UI thread only (the engine's events are posted there).
 */
public final class FxJobRun {

    private final JobRun run;
    private final SimpleDoubleProperty fraction = new SimpleDoubleProperty(0);
    private final ObjectProperty<Optional<JobRun.Step>> step = new SimpleObjectProperty<>(Optional.empty());
    private final SimpleStringProperty stepTitle = new SimpleStringProperty("");
    private final SimpleStringProperty stepCounter = new SimpleStringProperty("");
    private final SimpleStringProperty timeLine = new SimpleStringProperty("");
    private final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    private final ObjectProperty<Optional<JobOutcome>> outcome = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private int shownRun;

    public FxJobRun(Supplier<Instant> clock) {
        this.run = new JobRun(clock);
        run.onChange(this::sync);
    }

    /** The model, to start it and feed it events. */
    public JobRun run() {
        return run;
    }

    /** Reads the clock again for the time line (the views call it once a second while running). */
    public void tick() {
        timeLine.set(run.timeLine());
    }

    private void sync() {
        List<String> lines = run.log();
        if (run.runNumber() != shownRun) {
            shownRun = run.runNumber();
            log.setAll(lines);
        } else if (lines.size() > log.size()) {
            // Append only: a ListView following the log keeps its place.
            log.addAll(lines.subList(log.size(), lines.size()));
        }
        fraction.set(run.fraction());
        step.set(run.step());
        stepTitle.set(run.step().map(JobRun.Step::title).orElse(run.running() ? Messages.get("progress.starting") : ""));
        stepCounter.set(run.step().map(s -> Messages.get("progress.step-counter", s.index(), s.total())).orElse(""));
        timeLine.set(run.timeLine());
        outcome.set(run.outcome());
        running.set(run.running());
    }

    public ReadOnlyDoubleProperty fraction() {
        return fraction;
    }

    public ReadOnlyObjectProperty<Optional<JobRun.Step>> step() {
        return step;
    }

    /** The current step's title ("Starting the installer engine..." before the first). */
    public ReadOnlyStringProperty stepTitle() {
        return stepTitle;
    }

    /** "Step 3 of 12", empty before the first step. */
    public ReadOnlyStringProperty stepCounter() {
        return stepCounter;
    }

    /** "Elapsed 0:42 · about 1:10 left". */
    public ReadOnlyStringProperty timeLine() {
        return timeLine;
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    public ReadOnlyObjectProperty<Optional<JobOutcome>> outcome() {
        return outcome;
    }

    /** The run's log lines, appended as they come. */
    public ObservableList<String> log() {
        return FXCollections.unmodifiableObservableList(log);
    }
}
