package dev.cos.installer.app.tray;

import dev.cos.installer.api.UpgradeCheck;
import dev.cos.installer.app.widgets.ContainerFacts;
import dev.cos.installer.source.ContainerSource;
import dev.cos.installer.app.widgets.SlotSource;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.app.fx.Background;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.jobs.JobOutcome;
import dev.cos.installer.app.jobs.JobRun;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The status tray window's state and actions over the engine: the installed system's status, whether
 * an update is available, the upgrade (check, confirm, progress, restart), the fallback notice and its
 * two choices, the rollback rehearsal and the history. UI thread only; every engine call goes through
 * {@link Background}.
 */
public final class TrayViewModel {

    /** Where the upgrade dialog is. */
    public enum UpgradeStage { NONE, CHECKING, CONFIRM, RUNNING, FINISHED, FAILED }

    private final Engine engine;
    private final Background background;
    private final SystemPower power;
    private final DialogService dialogs;
    private final ZoneId zone;

    private final ObjectProperty<TrayState> state = new SimpleObjectProperty<>(TrayState.UNKNOWN);
    private final StringProperty tooltip = new SimpleStringProperty(Messages.get("tray.tooltip.unknown"));
    private final ObjectProperty<Optional<StatusAnswer>> status = new SimpleObjectProperty<>(Optional.empty());
    private final StringProperty booted = new SimpleStringProperty("");
    private final ObservableList<ImageRow> images = FXCollections.observableArrayList();
    private final StringProperty space = new SimpleStringProperty("");
    private final BooleanProperty spaceFits = new SimpleBooleanProperty(true);
    private final StringProperty fallbackNotice = new SimpleStringProperty("");
    private final BooleanProperty fallbackToRecovery = new SimpleBooleanProperty(false);
    private final StringProperty rehearsal = new SimpleStringProperty("");
    private final StringProperty available = new SimpleStringProperty("");
    private final StringProperty configuredSource = new SimpleStringProperty("");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    private final ObjectProperty<UpgradeStage> upgradeStage = new SimpleObjectProperty<>(UpgradeStage.NONE);
    private final StringProperty upgradeTitle = new SimpleStringProperty("");
    private final StringProperty upgradeFacts = new SimpleStringProperty("");
    private final StringProperty upgradeStep = new SimpleStringProperty("");
    private final StringProperty upgradeTime = new SimpleStringProperty("");
    private final StringProperty upgradeUnverified = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    /** The update the container check found (a digest other than the running slot's); empty otherwise. */
    private Optional<UpgradeCheck> availableImage = Optional.empty();
    private Optional<SourceInfo> availableSource = Optional.empty();
    private Optional<SourceInfo> chosen = Optional.empty();
    private String chosenSource = "";
    private boolean chosenRecovery;
    private final JobRun job;
    private final ObjectProperty<Optional<JobOutcome.Failed>> upgradeFailure = new SimpleObjectProperty<>(Optional.empty());

    /** One image in the window's table; {@code where} is its source and digest (short for a container image). */
    public record ImageRow(String slot, String title, String version, String date, SlotSource where, boolean present) {

        /** The source as shown: a container image by its tag. */
        public String source() {
            return where.shown();
        }

        /** The digest as shown: short for a container image. */
        public String digest() {
            return where.shownDigest();
        }
    }

    public TrayViewModel(Engine engine, Background background, SystemPower power, DialogService dialogs) {
        this(engine, background, power, dialogs, Instant::now, ZoneId.systemDefault());
    }

    public TrayViewModel(Engine engine, Background background, SystemPower power, DialogService dialogs,
            Supplier<Instant> clock, ZoneId zone) {
        this.engine = engine;
        this.background = background;
        this.power = power;
        this.dialogs = dialogs;
        this.zone = zone;
        this.job = new JobRun(clock);
    }

    /** Reads {@code status}, then checks the configured upgrade source (when there is one) for another version. */
    public void refresh() {
        busy.set(true);
        background.run("status", engine::status, this::showStatus, error -> {
            busy.set(false);
            status.set(Optional.empty());
            message.set(Messages.get("tray.status-failed", text(error)));
            updateState();
        });
    }

    private void showStatus(StatusAnswer s) {
        busy.set(false);
        status.set(Optional.of(s));
        booted.set(StatusTexts.booted(s));
        images.setAll(s.images().values().stream().map(i -> new ImageRow(i.slot(), StatusTexts.slotName(i.slot()),
                i.present() ? StatusTexts.version(i.version()) : Messages.get("tray.image.missing"),
                StatusTexts.imageDate(s, i, zone), SlotSource.of(i.source(), i.digest(), i.tag()), i.present())).toList());
        space.set(StatusTexts.space(s));
        spaceFits.set(s.nextUpgradeFits());
        fallbackNotice.set(StatusTexts.fallbackNotice(s).orElse(""));
        fallbackToRecovery.set(s.fallback().map(StatusAnswer.Fallback::toRecovery).orElse(false));
        rehearsal.set(StatusTexts.rehearsal(s, zone).orElse(""));
        history.setAll(StatusTexts.history(s, zone));
        availableSource = Optional.empty();
        availableImage = Optional.empty();
        available.set("");
        configuredSource.set(s.upgradeSource().orElse(""));
        updateState();
        // A container image: its tag's digest by a manifest HEAD (nothing downloaded), here and every few hours.
        if (s.upgradeSource().filter(ContainerSource::isContainer).isPresent()) {
            checkForUpdate();
            return;
        }
        // Reading a URL means downloading the whole image: only when the person asks to upgrade from it.
        s.upgradeSource().filter(StatusTexts::isDownload).ifPresent(url -> available.set(Messages.get("tray.remote-source", url)
                + (s.upgradeAllowUnverified() ? " " + Messages.get("tray.remote-source.unverified-allowed") : "")));
        s.upgradeSource().filter(source -> !StatusTexts.isDownload(source)).ifPresent(source -> background.run("check-update",
                () -> engine.inspect(Optional.of(source), event -> {}), info -> {
                    availableSource = differs(s, info) ? Optional.of(info) : Optional.empty();
                    available.set(availableSource.map(a -> Messages.get("tray.available", StatusTexts.version(a.version()),
                            source)).orElse(Messages.get("tray.no-update", source)));
                    updateState();
                }, error -> available.set(Messages.get("tray.update-check-failed", source, text(error)))));
    }

    /**
     * Asks the engine where the configured container image's tag points now (a manifest HEAD) and says
     * whether that is another system than the running one. Refresh and the periodic check (TrayApp,
     * docs/tray.md) call it; it does nothing without such a source or while an upgrade is under way.
     */
    public void checkForUpdate() {
        Optional<String> source = status.get().flatMap(StatusAnswer::upgradeSource).filter(ContainerSource::isContainer);
        if (source.isEmpty() || upgradeStage.get() == UpgradeStage.RUNNING) {
            return;
        }
        background.run("upgrade-check", () -> engine.upgradeCheck(source.get()), check -> {
            availableImage = check.updateAvailable() ? Optional.of(check) : Optional.empty();
            String shortDigest = ContainerFacts.shortDigest(check.digest());
            String name = check.tag().isBlank() ? check.source() : check.tag();
            available.set(!check.updateAvailable() ? Messages.get("tray.container.up-to-date", check.source(), shortDigest)
                    : check.signedBy().isBlank() ? Messages.get("tray.container.available", name, shortDigest)
                    : Messages.get("tray.container.available.signed", name, shortDigest, check.signedBy()));
            updateState();
        }, error -> {
            availableImage = Optional.empty();
            available.set(Messages.get("tray.update-check-failed", source.get(), text(error)));
            updateState();
        });
    }

    /** Another version than active's; with no version to compare, another digest. */
    private static boolean differs(StatusAnswer s, SourceInfo info) {
        Optional<StatusAnswer.Image> active = s.image("active");
        String version = active.map(StatusAnswer.Image::version).orElse("");
        if (!info.version().isBlank() && !version.isBlank()) {
            return !info.version().equals(version);
        }
        return !info.digest().equals(active.map(StatusAnswer.Image::digest).orElse(""));
    }

    private void updateState() {
        Optional<StatusAnswer> s = status.get();
        String activeVersion = s.flatMap(x -> x.image("active")).map(StatusAnswer.Image::version).orElse("");
        TrayState next;
        if (upgradeStage.get() == UpgradeStage.RUNNING) {
            next = TrayState.UPGRADING;
        } else if (s.isPresent() && s.get().restart().isPresent()) {
            // From the disk (status), not from this window's memory: also after a restart of the tray.
            next = TrayState.RESTART_NEEDED;
        } else if (s.isEmpty()) {
            next = TrayState.UNKNOWN;
        } else if (s.get().fallback().isPresent()) {
            next = TrayState.FALLBACK;
            activeVersion = s.get().fallback().get().running().version();
        } else if (availableSource.isPresent() || availableImage.isPresent()) {
            next = TrayState.UPDATE_AVAILABLE;
        } else {
            next = TrayState.UP_TO_DATE;
        }
        String newVersion = availableSource.map(SourceInfo::version)
                .or(() -> availableImage.map(c -> c.tag().isBlank() ? ContainerFacts.shortDigest(c.digest()) : c.tag()))
                .orElse("");
        state.set(next);
        tooltip.set(next == TrayState.FALLBACK && fallbackToRecovery.get()
                ? Messages.get("tray.tooltip.fallback-recovery", StatusTexts.version(activeVersion))
                : next == TrayState.RESTART_NEEDED ? StatusTexts.restartTooltip(s.get().restart().orElseThrow())
                : StatusTexts.tooltip(next, percent(), activeVersion, newVersion));
    }

    /** "Upgrade from <source>": the configured source, checked and confirmed like a chosen one. */
    public void upgradeFromConfigured() {
        if (availableImage.isPresent()) {
            confirmImage(availableImage.get());
            return;
        }
        // Only the administrator's configuration lets an image with no digest through (upgrade.allow-unverified).
        status.get().ifPresent(s -> s.upgradeSource().ifPresent(source -> chooseSource(source, false, s.upgradeAllowUnverified())));
    }

    /**
     * First step of an upgrade: the engine reads {@code source} (a file or directory) and the window
     * shows its version and digest for confirmation. {@code recovery}: upgrade the recovery image.
     */
    public void chooseSource(String source, boolean recovery) {
        chooseSource(source, recovery, false);
    }

    private void chooseSource(String source, boolean recovery, boolean allowUnverified) {
        if (upgradeStage.get() == UpgradeStage.RUNNING || upgradeStage.get() == UpgradeStage.CHECKING) {
            return;
        }
        chosenRecovery = recovery;
        chosenSource = source;
        upgradeFailure.set(Optional.empty());
        chosen = Optional.empty();
        upgradeStage.set(UpgradeStage.CHECKING);
        upgradeTitle.set(Messages.get(recovery ? "tray.upgrade.checking-recovery" : "tray.upgrade.checking"));
        upgradeFacts.set(source);
        upgradeStep.set("");
        upgradeUnverified.set("");
        fraction.set(0);
        background.run("inspect", () -> engine.inspect(Optional.of(source), allowUnverified,
                event -> background.post(() -> checking(event))), info -> {
            chosen = Optional.of(info);
            upgradeUnverified.set(info.unverified() ? Messages.get("tray.upgrade.unverified", info.uri()) : "");
            upgradeStage.set(UpgradeStage.CONFIRM);
            String from = status.get().flatMap(s -> s.image(recovery ? "recovery" : "active"))
                    .map(i -> StatusTexts.version(i.version())).orElse(Messages.get("tray.version.unknown"));
            upgradeTitle.set(Messages.get(recovery ? "tray.upgrade.confirm-recovery" : "tray.upgrade.confirm",
                    StatusTexts.version(info.version()), from));
            upgradeFacts.set(Messages.get("tray.upgrade.facts", info.name().isBlank() ? info.uri() : info.name(),
                    StatusTexts.version(info.version()), info.uri(), info.digest()));
        }, error -> {
            upgradeStage.set(UpgradeStage.FAILED);
            upgradeTitle.set(StatusTexts.isDownload(source) ? Messages.get("tray.upgrade.download-failed", source)
                    : Messages.get("tray.upgrade.unreadable"));
            upgradeFacts.set(text(error));
        });
    }

    /**
     * The update the check found, confirmed from what the check said (tag and digest): nothing is
     * downloaded before the person agrees, and the upgrade then installs that digest, not the tag again.
     */
    private void confirmImage(UpgradeCheck check) {
        if (upgradeStage.get() == UpgradeStage.RUNNING || upgradeStage.get() == UpgradeStage.CHECKING) {
            return;
        }
        String version = check.tag().isBlank() ? ContainerFacts.shortDigest(check.digest()) : check.tag();
        chosenRecovery = false;
        chosenSource = check.reference();
        chosen = Optional.of(new SourceInfo(check.reference(), "", version, 0, 0, check.digest()));
        upgradeFailure.set(Optional.empty());
        upgradeUnverified.set("");
        fraction.set(0);
        upgradeStep.set("");
        upgradeStage.set(UpgradeStage.CONFIRM);
        String from = status.get().flatMap(s -> s.image(check.slot())).map(i -> StatusTexts.version(i.version()))
                .orElse(Messages.get("tray.version.unknown"));
        upgradeTitle.set(Messages.get("tray.upgrade.confirm", version, from));
        upgradeFacts.set(Messages.get("tray.upgrade.facts.container", check.reference(), check.digest()));
    }

    /** "Upgrade from a file...": an image file chosen in the dialogs, then checked and confirmed. */
    public void chooseFile(boolean recovery) {
        dialogs.chooseFileToOpen(Messages.get("tray.upgrade.choose-file"), Optional.empty(), List.of())
                .ifPresent(file -> chooseSource(file.toAbsolutePath().toString(), recovery));
    }

    /** "Upgrade from a directory...": an unpacked image tree chosen in the dialogs. */
    public void chooseDirectory(boolean recovery) {
        dialogs.chooseDirectory(Messages.get("tray.upgrade.choose-dir"), Optional.empty())
                .ifPresent(dir -> chooseSource(dir.toAbsolutePath().toString(), recovery));
    }

    /** The failure panel's Retry: the same source is read and confirmed again. */
    public void retryUpgrade() {
        if (upgradeStage.get() == UpgradeStage.FAILED && !chosenSource.isEmpty()) {
            chooseSource(chosenSource, chosenRecovery);
        }
    }

    /** The failure panel's Save log...: the upgrade's log and the failure's details as a text file. */
    public void saveUpgradeLog() {
        dialogs.chooseFileToSave(Messages.get("tray.upgrade.save-log"), Optional.empty(), "cos-upgrade-log.txt",
                List.of(new DialogService.FileType("Text", List.of("*.txt")))).ifPresent(file -> {
                    List<String> lines = new java.util.ArrayList<>(job.log());
                    upgradeFailure.get().ifPresent(f -> lines.addAll(List.of("", f.code() + ": " + f.message(), f.details())));
                    background.run("save upgrade log", () -> java.nio.file.Files.write(file, lines),
                            saved -> message.set(Messages.get("tray.upgrade.log-saved", saved)),
                            error -> message.set(Messages.get("tray.action-failed", text(error))));
                });
    }

    /** While the chosen source is read: its download, then its check, in the progress bar. */
    private void checking(Event event) {
        if (upgradeStage.get() == UpgradeStage.CHECKING && event instanceof Event.Progress p) {
            fraction.set(Math.max(0, Math.min(1, p.stepFraction())));
            upgradeStep.set(p.step().equals("download") ? StatusTexts.downloaded(p.bytesDone(), p.bytesTotal())
                    : Messages.get("tray.upgrade.verifying"));
        }
    }

    /** Starts the upgrade that was confirmed. */
    public void confirmUpgrade() {
        if (upgradeStage.get() != UpgradeStage.CONFIRM || chosen.isEmpty()) {
            return;
        }
        SourceInfo info = chosen.get();
        String source = chosenSource;
        boolean recovery = chosenRecovery;
        fraction.set(0);  // the check's progress used the bar
        upgradeStage.set(UpgradeStage.RUNNING);
        upgradeTitle.set(Messages.get(recovery ? "tray.upgrade.running-recovery" : "tray.upgrade.running",
                StatusTexts.version(info.version())));
        upgradeStep.set(Messages.get("progress.starting"));
        upgradeFailure.set(Optional.empty());
        job.start(upgradeTitle.get());
        upgradeTime.set(job.timeLine());
        updateState();
        background.run("upgrade", () -> engine.upgrade(source, recovery, e -> background.post(() -> apply(e))),
                last -> finished(info, recovery, job.finished(last)), error -> finished(info, recovery, job.crashed(error)));
    }

    /** Renders one upgrade event. Public for tests that feed events directly. */
    public void apply(Event event) {
        job.apply(event);
        fraction.set(job.fraction());
        job.step().ifPresent(step -> upgradeStep.set(Messages.get("tray.upgrade.step", step.title(), step.index(), step.total())
                + job.download().map(d -> " \u00b7 " + StatusTexts.downloaded(d.bytesDone(), d.bytesTotal())).orElse("")));
        if (upgradeStage.get() == UpgradeStage.RUNNING) {
            upgradeTime.set(job.timeLine());
            updateState();
        }
    }

    private void finished(SourceInfo info, boolean recovery, JobOutcome outcome) {
        if (outcome instanceof JobOutcome.Succeeded) {
            fraction.set(1);
            upgradeStage.set(UpgradeStage.FINISHED);
            if (recovery) {
                upgradeTitle.set(Messages.get("tray.upgrade.done-recovery", StatusTexts.version(info.version())));
            } else {
                upgradeTitle.set(Messages.get("tray.upgrade.done", StatusTexts.version(info.version())));
            }
            upgradeStep.set("");
            updateState();
            refresh();
        } else if (outcome instanceof JobOutcome.Failed f) {
            failed(f.message() + (f.stepTitle().map(t -> " (" + t + ")").orElse("")));
            upgradeFailure.set(Optional.of(f));
        }
    }

    private void failed(String why) {
        upgradeStage.set(UpgradeStage.FAILED);
        upgradeTitle.set(Messages.get("tray.upgrade.failed"));
        upgradeFacts.set(why);
        updateState();
    }

    /** "Later" / "Close" / "Cancel": closes the upgrade part; a needed restart stays in the state. */
    public void dismissUpgrade() {
        if (upgradeStage.get() != UpgradeStage.RUNNING) {
            upgradeStage.set(UpgradeStage.NONE);
            upgradeTime.set("");
            upgradeUnverified.set("");
            chosen = Optional.empty();
        }
    }

    /** "Restart now". */
    public void restartNow() {
        background.run("reboot", () -> {
            power.reboot();
            return true;
        }, ok -> message.set(Messages.get("tray.restarting")),
                error -> message.set(Messages.get("tray.restart-failed", text(error))));
    }

    /** After a fallback: "Try the update again": active is GRUB's default again (not once). */
    public void tryUpdateAgain() {
        action("bootentry", () -> engine.bootentry("active", false, false), Messages.get("tray.fallback.retry-done"));
    }

    /** After a fallback: "Keep this version": the running (passive) system becomes active ({@code rollback --swap}). */
    public void keepThisVersion() {
        action("rollback", () -> {
            Event last = engine.rollbackSwap(event -> {});
            if (last instanceof Event.Error f) {
                throw new EngineException(f.code(), f.exitCode(), f.message(), f.details());
            }
            return "";
        }, Messages.get("tray.fallback.keep-done"));
    }

    /** "Rehearse rollback": passive boots once at the next start; the result shows after the start after it. */
    public void rehearseRollback() {
        action("rehearsal", () -> engine.bootentry("passive", true, true), Messages.get("tray.rehearsal.requested"));
    }

    private void action(String name, java.util.concurrent.Callable<String> work, String done) {
        busy.set(true);
        message.set("");
        background.run(name, work, ok -> {
            message.set(done);
            refresh();
        }, error -> {
            busy.set(false);
            message.set(Messages.get("tray.action-failed", text(error)));
        });
    }

    private static String text(Throwable error) {
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    public int percent() {
        return (int) Math.round(fraction.get() * 100);
    }

    /** Whether "Rehearse rollback" makes sense: passive is there and no rehearsal waits. */
    public boolean canRehearse() {
        return status.get().map(s -> s.image("passive").map(StatusAnswer.Image::present).orElse(false)
                && s.fallback().isEmpty()
                && !s.rehearsal().map(r -> r.result().equals("pending")).orElse(false)).orElse(false);
    }

    public ReadOnlyObjectProperty<TrayState> state() { return state; }
    public ReadOnlyStringProperty tooltip() { return tooltip; }
    public ReadOnlyObjectProperty<Optional<StatusAnswer>> status() { return status; }
    public ReadOnlyStringProperty booted() { return booted; }
    public ObservableList<ImageRow> images() { return images; }
    public ReadOnlyStringProperty space() { return space; }
    public ReadOnlyBooleanProperty spaceFits() { return spaceFits; }
    /** Whether the fallback is to recovery: neither system booted, "retry" and "keep" do not apply. */
    public ReadOnlyBooleanProperty fallbackToRecovery() { return fallbackToRecovery; }
    /** Empty unless the system fell back. */
    public ReadOnlyStringProperty fallbackNotice() { return fallbackNotice; }
    /** Empty unless a rehearsal was requested. */
    public ReadOnlyStringProperty rehearsal() { return rehearsal; }
    /** Whether the configured source has an update (empty when none is configured). */
    public ReadOnlyStringProperty available() { return available; }
    /** The administrator's {@code upgrade.system.uri} as status reports it; empty when none is set. */
    public ReadOnlyStringProperty configuredSource() { return configuredSource; }
    /** Newest first. */
    public ObservableList<String> history() { return history; }
    /** The last action's outcome or an error, for a person. */
    public ReadOnlyStringProperty message() { return message; }
    public ReadOnlyBooleanProperty busy() { return busy; }
    public ReadOnlyObjectProperty<UpgradeStage> upgradeStage() { return upgradeStage; }
    public ReadOnlyStringProperty upgradeTitle() { return upgradeTitle; }
    /** CHECKING: the source; CONFIRM: name, version, source, digest; FAILED: why. */
    public ReadOnlyStringProperty upgradeFacts() { return upgradeFacts; }
    public ReadOnlyStringProperty upgradeStep() { return upgradeStep; }
    /** "Elapsed 0:42 · about 1:10 left". */
    public ReadOnlyStringProperty upgradeTime() { return upgradeTime; }
    /** The warning that the chosen image is unverified (no digest checked it), or empty; kept until the dialog closes. */
    public ReadOnlyStringProperty upgradeUnverified() { return upgradeUnverified; }
    public ReadOnlyDoubleProperty fraction() { return fraction; }
    /** The failed upgrade (message, details, log), empty unless the last upgrade failed. */
    public ReadOnlyObjectProperty<Optional<JobOutcome.Failed>> upgradeFailure() { return upgradeFailure; }
    /** Every line of the last upgrade, for the failure panel's log. */
    public List<String> upgradeLog() { return job.log(); }
}
