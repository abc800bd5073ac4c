package dev.cos.installer.app.wizard.progress;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.app.jobs.FxJobRun;
import dev.cos.installer.app.jobs.JobOutcome;
import dev.cos.installer.app.wizard.InstallOutcome;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;

/**
 * The install itself: starts the engine when shown, follows it as a {@link FxJobRun} (overall bar,
 * current step, elapsed and estimated time left, live log), and shows the done page with the outcome.
 * The install is never cancelled from here: a half-written disk is worse than waiting. UI thread only.
 */
public final class ProgressViewModel implements PageViewModel {

    private final WizardContext context;
    private final FxJobRun job;
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));

    public ProgressViewModel(WizardContext context) {
        this(context, Instant::now);
    }

    ProgressViewModel(WizardContext context, Supplier<Instant> clock) {
        this.context = context;
        this.job = new FxJobRun(clock);
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
        if (job.running().get()) {
            return;
        }
        InstallRequest request = context.model().toRequest();
        job.run().start(Messages.get("progress.log.started", context.model().target().get().displayName()));
        context.background().run("install",
                () -> context.engine().install(request, event -> context.background().post(() -> apply(event))),
                last -> done(job.run().finished(last)), error -> done(job.run().crashed(error)));
    }

    /** Renders one engine event. Public for tests that feed events directly. */
    public void apply(Event event) {
        job.run().apply(event);
        if (event instanceof Event.Start) {
            job.run().logFile().ifPresent(path -> context.model().logFile().set(path));
        }
    }

    private void done(JobOutcome outcome) {
        var transcript = job.run().log();
        if (outcome instanceof JobOutcome.Succeeded ok) {
            context.model().outcome().set(new InstallOutcome.Success(ok.millis(), ok.summary(), ok.log(), transcript));
        } else if (outcome instanceof JobOutcome.Failed failed) {
            context.model().outcome().set(new InstallOutcome.Failure(failed.code(), failed.step(), failed.stepTitle(),
                    failed.message(), failed.details(), failed.log(), transcript));
        }
        context.navigator().show(Page.DONE);
    }

    /** "Elapsed 0:42 \u00b7 about 1:10 left", for the time line under the bar. */
    public String timeLine() {
        return job.run().timeLine();
    }

    public ReadOnlyDoubleProperty fraction() {
        return job.fraction();
    }

    public ReadOnlyStringProperty stepTitle() {
        return job.stepTitle();
    }

    public ReadOnlyStringProperty stepCounter() {
        return job.stepCounter();
    }

    /** True while the engine works: the window asks before closing and never kills it. */
    public ReadOnlyBooleanProperty running() {
        return job.running();
    }

    public ObservableList<String> log() {
        return job.log();
    }
}
