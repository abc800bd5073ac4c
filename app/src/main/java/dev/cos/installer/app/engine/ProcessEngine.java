package dev.cos.installer.app.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.EngineRequest;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.api.Json;
import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.api.RepairKind;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.api.SystemCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine in a child process: the CLI started by {@link EngineLauncher} as one {@link EngineSession}
 * ({@code cos-installer serve}, authorized once) that answers every call. Never through a shell. Every
 * request and its output are logged (SLF4J). Each call is an {@link EngineRequest}: the api renders its arguments.
 */
public final class ProcessEngine implements Engine {

    private final EngineLauncher launcher;
    /** Shared with the {@link #offline} engines made from this one: one process, one authorization. */
    private final EngineSession session;

    /** The system verbs' {@code --target FILE --as-booted SLOT}, or empty for the running system. */
    private final Optional<OfflineSystem> offline;

    public ProcessEngine(EngineLauncher launcher) {
        this(launcher, Optional.empty());
    }

    /**
     * An engine whose system verbs (status, upgrade, bootentry, rollback, diagnose, repair, reset) work
     * offline on {@code offline}'s disk or image file instead of the running system.
     */
    public ProcessEngine(EngineLauncher launcher, Optional<OfflineSystem> offline) {
        this(launcher, new EngineSession(launcher), offline);
    }

    private ProcessEngine(EngineLauncher launcher, EngineSession session, Optional<OfflineSystem> offline) {
        this.launcher = launcher;
        this.session = session;
        this.offline = offline;
    }

    public EngineLauncher launcher() {
        return launcher;
    }

    @Override
    public DiskList disks() throws EngineException {
        return read(run(new EngineRequest.Disks(), event -> {}), DiskList.class);
    }

    @Override
    public SystemCheck check() throws EngineException {
        return read(run(new EngineRequest.Check(), event -> {}), SystemCheck.class);
    }

    @Override
    public InstallPlan plan(InstallRequest request) throws EngineException {
        return read(run(new EngineRequest.Plan(request), event -> {}), InstallPlan.class);
    }

    @Override
    public SourceInfo inspect(Optional<String> source, boolean allowUnverified, Consumer<Event> progress)
            throws EngineException {
        return sourceInfo(events(new EngineRequest.Inspect(source, allowUnverified), progress));
    }

    @Override
    public SourceInfo inspectImage(String reference, Consumer<Event> progress) throws EngineException {
        return sourceInfo(events(new EngineRequest.Inspect(Optional.of(reference), false, true), progress));
    }

    private SourceInfo sourceInfo(Event last) throws EngineException {
        if (last instanceof Event.Result ok) {
            return ok.summary(SourceInfo.class);
        }
        throw failure(last);
    }

    @Override
    public Event install(InstallRequest request, Consumer<Event> events) throws EngineException {
        return events(new EngineRequest.Install(request), events);
    }

    // --- recovery screen: the system verbs, offline when a target is set ---

    /** This engine with its system verbs offline on {@code target}; the same engine session. */
    public ProcessEngine offline(OfflineSystem target) {
        return new ProcessEngine(launcher, session, Optional.of(target));
    }

    /** Ends the engine session (shared with the offline engines made from this one) once its current request is done. */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public DiagnoseAnswer diagnose() throws EngineException {
        Finished run = run(new EngineRequest.Diagnose(offline), event -> {});
        // Exit 1 = findings: the JSON is still the answer.
        if (run.exitCode() == 1 && run.stdout().strip().startsWith("{")) {
            run = new Finished(0, run.stdout(), run.stderr());
        }
        return read(run, DiagnoseAnswer.class);
    }

    @Override
    public RepairCatalog describeRepairs() throws EngineException {
        return read(run(new EngineRequest.DescribeRepairs(), event -> {}), RepairCatalog.class);
    }

    @Override
    public Event repair(RepairKind kind, List<String> partitions, boolean yesFix, Consumer<Event> events)
            throws EngineException {
        return events(new EngineRequest.Repair(kind, partitions, yesFix, offline), events);
    }

    @Override
    public Event reset(boolean resetPersistent, boolean resetOem, Consumer<Event> events) throws EngineException {
        return events(new EngineRequest.Reset(resetPersistent, resetOem, offline), events);
    }

    @Override
    public Event rollback(boolean swap, Consumer<Event> events) throws EngineException {
        if (swap) {
            return rollbackSwap(events);
        }
        Finished run = run(new EngineRequest.BootEntry("passive", false, false, offline), event -> {});
        if (run.exitCode() != 0) {
            throw processFailure(run);
        }
        Event done = Event.Result.success(0, Map.of("saved_entry", "passive"));
        events.accept(done);
        return done;
    }

    /** Runs a verb that speaks the progress protocol; returns its last event (result or error). */
    private Event events(EngineRequest request, Consumer<Event> events) throws EngineException {
        AtomicReference<Event> last = new AtomicReference<>();
        Finished run = run(request, event -> {
            last.set(event);
            events.accept(event);
        });
        Event end = last.get();
        if (end instanceof Event.Result || end instanceof Event.Error) {
            return end;
        }
        throw processFailure(run);
    }

    private EngineException failure(Event last) {
        if (last instanceof Event.Error failed) {
            return new EngineException(failed.code(), failed.exitCode(), failed.message(), failed.details());
        }
        return new EngineException("INTERNAL", 70, "The installer engine ended without a result.", String.valueOf(last));
    }

    private <T> T read(Finished run, Class<T> type) throws EngineException {
        if (run.exitCode() != 0) {
            throw processFailure(run);
        }
        try {
            return Json.read(run.stdout(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EngineException("INTERNAL", 70, "The installer engine gave an answer this version cannot read.",
                    e.getMessage() + "\n" + run.stdout());
        }
    }

    /** A non-zero exit without a protocol error event: pkexec refused, or the engine failed early. */
    private EngineException processFailure(Finished run) {
        return run.failure(launcher.viaPkexec());
    }

    private Finished run(EngineRequest request, Consumer<Event> onEvent) throws EngineException {
        return session.call(request.argv(), onEvent);
    }

    // --- tray: status, upgrade, boot entry, rollback; offline mode ---


    @Override
    public StatusAnswer status() throws EngineException {
        return read(run(new EngineRequest.Status(offline), event -> {}), StatusAnswer.class);
    }

    @Override
    public dev.cos.installer.api.UpgradeCheck upgradeCheck(String source) throws EngineException {
        return read(run(new EngineRequest.CheckUpgrade(source, offline), event -> {}), dev.cos.installer.api.UpgradeCheck.class);
    }

    @Override
    public Event upgrade(String source, boolean recovery, Consumer<Event> events) throws EngineException {
        return events(new EngineRequest.Upgrade(source, recovery, offline), events);
    }

    @Override
    public String bootentry(String slot, boolean once, boolean rehearsal) throws EngineException {
        Finished run = run(new EngineRequest.BootEntry(slot, once, rehearsal, offline), event -> {});
        if (run.exitCode() != 0) {
            throw processFailure(run);
        }
        return run.stdout().strip();
    }

    @Override
    public Event rollbackSwap(Consumer<Event> events) throws EngineException {
        return events(new EngineRequest.RollbackSwap(offline), events);
    }
}
