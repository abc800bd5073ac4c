package dev.cos.installer.app.recovery;

import dev.cos.installer.app.widgets.SlotSource;
import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.api.RepairKind;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.jobs.FxJobRun;
import dev.cos.installer.app.jobs.JobOutcome;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.error.FailureWords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The recovery repair screen's state and rules. DiagnoseAnswer first (on {@link #start()}), then actions:
 * {@link #request} shows the action's data impact for confirmation, {@link #confirm} runs it in the
 * background with progress, and every engine action is followed by a fresh diagnosis. One action at
 * a time. UI thread only.
 */
public final class RecoveryViewModel {

    /** What the screen shows in its main area. */
    public enum Phase { DIAGNOSING, READY, CONFIRMING, RUNNING }

    /** An action waiting for the person's yes: its impact (empty for reboot and save). */
    public record Confirmation(RecoveryAction action, String title, Optional<Impact> impact, String question) {}

    /** How the last action ended. */
    public sealed interface Outcome {
        RecoveryAction action();

        record Succeeded(RecoveryAction action, String message) implements Outcome {}

        record Failed(RecoveryAction action, String code, String message, String details) implements Outcome {}
    }

    private final Engine engine;
    private final Background background;
    private final SystemPower power;
    private final DialogService dialogs;
    private final Optional<Path> guiLog;
    private final Optional<Path> offlineTarget;

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.DIAGNOSING);
    private final ObjectProperty<Optional<DiagnoseAnswer>> diagnosis = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<DiagnosisReport>> report = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<String>> diagnosisError = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<Confirmation>> confirmation = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<Outcome>> outcome = new SimpleObjectProperty<>(Optional.empty());
    private final SimpleStringProperty activity = new SimpleStringProperty("");
    private final FxJobRun job = new FxJobRun(Instant::now);
    private final BooleanProperty fsckYesFix = new SimpleBooleanProperty(false);
    private final BooleanProperty resetPersistent = new SimpleBooleanProperty(false);
    private final BooleanProperty resetOem = new SimpleBooleanProperty(false);
    private final ObservableList<String> transcript = FXCollections.observableArrayList();
    private final List<Path> engineLogs = new ArrayList<>();
    private RepairCatalog catalog = new RepairCatalog(List.of());

    /**
     * @param guiLog this app's log file, for the bundle
     * @param offlineTarget the disk image or disk the engine works on offline, empty for the running
     *     system: reboot is only offered for the running system
     */
    public RecoveryViewModel(Engine engine, Background background, SystemPower power, DialogService dialogs,
            Optional<Path> guiLog, Optional<Path> offlineTarget) {
        this.engine = engine;
        this.background = background;
        this.power = power;
        this.dialogs = dialogs;
        this.guiLog = guiLog;
        this.offlineTarget = offlineTarget;
    }

    /** Reads the action catalogue, then diagnoses. */
    public void start() {
        phase.set(Phase.DIAGNOSING);
        background.run("recovery-describe", engine::describeRepairs, found -> {
            catalog = found;
            diagnose();
        }, failure -> {
            note(Messages.get("recovery.transcript.no-catalog", message(failure)));
            diagnose();
        });
    }

    /** Runs the diagnosis again (also after every action). */
    public void diagnose() {
        phase.set(Phase.DIAGNOSING);
        activity.set(Messages.get("recovery.diagnosing"));
        background.run("recovery-diagnose", () -> new Diagnosed(engine.diagnose(), slotSources()), answer -> {
            DiagnoseAnswer found = answer.diagnosis();
            diagnosis.set(Optional.of(found));
            report.set(Optional.of(DiagnosisReport.of(found, answer.sources())));
            diagnosisError.set(Optional.empty());
            note(Messages.get("recovery.transcript.diagnosis", DiagnosisReport.of(found).headline()));
            DiagnosisReport.findings(found).forEach(f -> note("  " + f));
            phase.set(Phase.READY);
        }, failure -> {
            diagnosisError.set(Optional.of(message(failure)));
            note(Messages.get("recovery.transcript.diagnosis-failed", message(failure)));
            phase.set(Phase.READY);
        });
    }

    /** A diagnosis and where each slot's system came from (status; empty when status cannot say). */
    private record Diagnosed(DiagnoseAnswer diagnosis, java.util.Map<String, SlotSource> sources) {}

    /** Off the UI thread: each slot's source and digest from {@code status}; a failed status only loses them. */
    private java.util.Map<String, SlotSource> slotSources() {
        try {
            java.util.Map<String, SlotSource> sources = new java.util.LinkedHashMap<>();
            engine.status().images().values().stream().filter(i -> !i.source().isBlank())
                    .forEach(i -> sources.put(i.slot(), SlotSource.of(i.source(), i.digest(), i.tag())));
            return sources;
        } catch (dev.cos.installer.app.engine.EngineException e) {
            org.slf4j.LoggerFactory.getLogger(RecoveryViewModel.class)
                    .info("recovery: the slots' sources are not shown: status failed: {}", e.getMessage());
            return java.util.Map.of();
        }
    }

    /** Why {@code action} cannot run now, empty when it can. */
    public Optional<String> unavailable(RecoveryAction action) {
        Optional<DiagnoseAnswer> d = diagnosis.get();
        String booted = d.map(DiagnoseAnswer::booted).orElse("");
        return switch (action) {
            case REBOOT -> offlineTarget.isPresent() ? Optional.of(Messages.get("recovery.unavailable.reboot-offline")) : Optional.empty();
            case RESET -> "recovery".equals(booted) ? Optional.empty()
                    : Optional.of(Messages.get("recovery.unavailable.reset-not-recovery"));
            case ROLLBACK_SWAP -> "active".equals(booted) ? Optional.of(Messages.get("recovery.unavailable.swap-active"))
                    : passivePresent(d);
            case ROLLBACK -> passivePresent(d);
            case SAVE_BUNDLE, FSCK, BOOTLOADER, GRUB_ENV -> Optional.empty();
        };
    }

    private static Optional<String> passivePresent(Optional<DiagnoseAnswer> d) {
        // No image checks at all (the partitions could not be mounted): unknown, so the engine decides.
        boolean missing = d.map(x -> !x.images().isEmpty()
                && x.images().stream().noneMatch(i -> "passive".equals(i.slot()) && i.clean())).orElse(false);
        return missing ? Optional.of(Messages.get("recovery.unavailable.no-passive")) : Optional.empty();
    }

    /** The impact of {@code action} with the options as they are now (empty for reboot and save). */
    public Optional<Impact> impact(RecoveryAction action) {
        return Impact.of(catalog, action, fsckYesFix.get(), resetPersistent.get(), resetOem.get());
    }

    /** Asks for confirmation of {@code action}: nothing runs before {@link #confirm}. Ignored while busy or unavailable. */
    public void request(RecoveryAction action) {
        if (phase.get() != Phase.READY || unavailable(action).isPresent()) {
            return;
        }
        Optional<Impact> impact = impact(action);
        String title = impact.map(Impact::title).orElse(Messages.get("recovery.title." + action.key()));
        confirmation.set(Optional.of(new Confirmation(action, title, impact,
                Messages.get("recovery.confirm." + (impact.map(Impact::erases).orElse(false) ? "erase" : action.key())))));
        phase.set(Phase.CONFIRMING);
    }

    public void cancel() {
        confirmation.set(Optional.empty());
        if (phase.get() == Phase.CONFIRMING) {
            phase.set(Phase.READY);
        }
    }

    /** Runs the confirmed engine action or the reboot; the bundle is saved with {@link #saveBundle}. */
    public void confirm() {
        Optional<Confirmation> pending = confirmation.get();
        if (phase.get() != Phase.CONFIRMING || pending.isEmpty()) {
            return;
        }
        confirmation.set(Optional.empty());
        RecoveryAction action = pending.get().action();
        if (action == RecoveryAction.SAVE_BUNDLE) {
            phase.set(Phase.READY);
            return;
        }
        if (action == RecoveryAction.REBOOT) {
            phase.set(Phase.RUNNING);
            activity.set(Messages.get("recovery.rebooting"));
            background.run("recovery-reboot", () -> {
                power.reboot();
                return Boolean.TRUE;
            }, ok -> note(Messages.get("recovery.rebooting")), failure -> finish(new Outcome.Failed(action, "REBOOT",
                    message(failure), ""), false));
            return;
        }
        boolean yesFix = fsckYesFix.get();
        boolean persistent = resetPersistent.get();
        boolean oem = resetOem.get();
        note(Messages.get("recovery.transcript.action", pending.get().title()));
        phase.set(Phase.RUNNING);
        job.run().start(Messages.get("recovery.transcript.action", pending.get().title()));
        activity.set(pending.get().title());
        outcome.set(Optional.empty());
        background.run("recovery-" + action.key(), () -> switch (action) {
            case FSCK -> engine.repair(RepairKind.FSCK, List.of(), yesFix, this::fromEngine);
            case BOOTLOADER -> engine.repair(RepairKind.BOOTLOADER, List.of(), false, this::fromEngine);
            case GRUB_ENV -> engine.repair(RepairKind.GRUB_ENV, List.of(), false, this::fromEngine);
            case ROLLBACK -> engine.rollback(false, this::fromEngine);
            case ROLLBACK_SWAP -> engine.rollback(true, this::fromEngine);
            case RESET -> engine.reset(persistent, oem, this::fromEngine);
            case SAVE_BUNDLE, REBOOT -> throw new IllegalStateException(action.name());
        }, last -> finish(outcomeOf(action, job.run().finished(last)), true),
                failure -> finish(outcomeOf(action, job.run().crashed(failure)), true));
    }

    /** "Save a diagnosis bundle" (also the failure panel's Save log...): asks where, then saves there. */
    public void saveBundle() {
        if (phase.get() != Phase.READY) {
            return;
        }
        dialogs.chooseFileToSave(Messages.get("recovery.save.chooser"), Optional.empty(), "cos-recovery-diagnosis.zip",
                List.of(new DialogService.FileType("Zip", List.of("*.zip")))).ifPresent(this::saveBundle);
    }

    /** The failure panel's Retry: asks again to run the action that failed. */
    public void retry() {
        outcome.get().filter(Outcome.Failed.class::isInstance).map(Outcome::action).ifPresent(this::request);
    }

    /** Saves the logs and the diagnosis to {@code zip} (chosen by the person). */
    public void saveBundle(Path zip) {
        if (phase.get() != Phase.READY) {
            return;
        }
        Optional<DiagnoseAnswer> d = diagnosis.get();
        List<String> lines = List.copyOf(transcript);
        List<Path> logs = List.copyOf(engineLogs);
        phase.set(Phase.RUNNING);
        activity.set(Messages.get("recovery.saving", zip));
        background.run("recovery-bundle", () -> {
            DiagnosisBundle.write(zip, d, lines, guiLog, logs);
            return zip;
        }, saved -> finish(new Outcome.Succeeded(RecoveryAction.SAVE_BUNDLE, Messages.get("recovery.saved", saved)), false),
                failure -> finish(new Outcome.Failed(RecoveryAction.SAVE_BUNDLE, "IO",
                        Messages.get("recovery.save-failed", zip, message(failure)), String.valueOf(failure)), false));
    }

    /** Called on the engine's thread: hands the event to the UI thread. */
    private void fromEngine(Event event) {
        background.post(() -> onEvent(event));
    }

    private void onEvent(Event event) {
        int before = job.run().log().size();
        job.run().apply(event);
        job.run().log().stream().skip(before).forEach(line -> note("  " + line));
        if (event instanceof Event.Start) {
            job.run().logFile().ifPresent(log -> engineLogs.add(Path.of(log)));
        }
        job.run().step().ifPresent(step -> activity.set(step.title()));
    }

    private static Outcome outcomeOf(RecoveryAction action, JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Failed failed) {
            return new Outcome.Failed(action, failed.code(), failed.message(), failed.details());
        }
        return new Outcome.Succeeded(action, Messages.get("recovery.done." + action.key()));
    }

    private void finish(Outcome result, boolean rediagnose) {
        outcome.set(Optional.of(result));
        if (rediagnose) {
            // An option that erases or forces is chosen again for each run, never left ticked.
            fsckYesFix.set(false);
            resetPersistent.set(false);
            resetOem.set(false);
        }
        if (result instanceof Outcome.Succeeded ok) {
            note(Messages.get("recovery.transcript.succeeded", ok.message()));
        } else if (result instanceof Outcome.Failed failed) {
            note(Messages.get("recovery.transcript.failed", failed.code(), failed.message()));
        }
        if (rediagnose) {
            diagnose();
        } else {
            phase.set(Phase.READY);
        }
    }

    private void note(String line) {
        transcript.add(line);
    }

    /** An engine failure's message as it is; any other in words (a bare path or a class name tells nobody anything). */
    private static String message(Throwable failure) {
        return failure instanceof EngineException ? failure.getMessage() : FailureWords.describe(failure);
    }

    public ReadOnlyObjectProperty<Phase> phase() {
        return phase;
    }

    public ReadOnlyObjectProperty<Optional<DiagnoseAnswer>> diagnosis() {
        return diagnosis;
    }

    public ReadOnlyObjectProperty<Optional<DiagnosisReport>> report() {
        return report;
    }

    /** Why the diagnosis could not be made, empty when it was. */
    public ReadOnlyObjectProperty<Optional<String>> diagnosisError() {
        return diagnosisError;
    }

    public ReadOnlyObjectProperty<Optional<Confirmation>> confirmation() {
        return confirmation;
    }

    public ReadOnlyObjectProperty<Optional<Outcome>> outcome() {
        return outcome;
    }

    /** The step the running action is at, or "Diagnosing...". */
    public ReadOnlyStringProperty activity() {
        return activity;
    }

    /** The running action's share done, 0..1. */
    public ReadOnlyDoubleProperty fraction() {
        return job.fraction();
    }

    /** "Elapsed 0:42 \u00b7 about 1:10 left" while an engine action runs. */
    public ReadOnlyStringProperty timeLine() {
        return job.timeLine();
    }

    /** The running (or last) engine action, for the failure panel's log. */
    public FxJobRun job() {
        return job;
    }

    /** Repair filesystems answering yes to every fix ({@code --yes-fix}). */
    public BooleanProperty fsckYesFix() {
        return fsckYesFix;
    }

    public BooleanProperty resetPersistent() {
        return resetPersistent;
    }

    public BooleanProperty resetOem() {
        return resetOem;
    }

    /** Every diagnosis, action and outcome of this session, for the screen's log and the bundle. */
    public ObservableList<String> transcript() {
        return FXCollections.unmodifiableObservableList(transcript);
    }

    /** The disk image or disk worked on offline; empty for the running system. */
    public Optional<Path> offlineTarget() {
        return offlineTarget;
    }
}
