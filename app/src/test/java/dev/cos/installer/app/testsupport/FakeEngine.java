package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.engine.DiskList;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.app.engine.EngineEvent;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.engine.InstallPlan;
import dev.cos.installer.app.engine.InstallRequest;
import dev.cos.installer.app.engine.SourceInfo;
import dev.cos.installer.app.engine.SystemCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An engine for ViewModel tests: answers are set by the test, calls are recorded. A null answer
 * makes the call throw the configured failure.
 */
public final class FakeEngine implements Engine {

    public DiskList disks = new DiskList(0, List.of());
    public InstallPlan plan;
    /** The {@code check} answer: every tool present, BIOS firmware. */
    public SystemCheck check = new SystemCheck("bios", true, List.of(), List.of());
    public SourceInfo sourceInfo;
    /** Events {@link #install} emits, in order; the last one is returned. */
    public List<EngineEvent> installEvents = new ArrayList<>();
    public EngineException failure = new EngineException("ENGINE", 1, "fake failure", "");
    public final List<String> calls = new ArrayList<>();
    public final List<InstallRequest> requests = new ArrayList<>();

    @Override
    public DiskList disks() throws EngineException {
        calls.add("disks");
        if (disks == null) {
            throw failure;
        }
        return disks;
    }

    @Override
    public SystemCheck check() throws EngineException {
        calls.add("check");
        if (check == null) {
            throw failure;
        }
        return check;
    }

    @Override
    public InstallPlan plan(InstallRequest request) throws EngineException {
        calls.add("plan");
        requests.add(request);
        if (plan == null) {
            throw failure;
        }
        return plan;
    }

    @Override
    public SourceInfo inspect(Optional<String> source, Consumer<EngineEvent> progress) throws EngineException {
        calls.add("inspect " + source.orElse("<demo>"));
        if (sourceInfo == null) {
            throw failure;
        }
        progress.accept(new EngineEvent.Progress("verify", 0, 1, sourceInfo.bytes(), sourceInfo.bytes()));
        return sourceInfo;
    }

    @Override
    public EngineEvent install(InstallRequest request, Consumer<EngineEvent> events) throws EngineException {
        calls.add("install");
        requests.add(request);
        if (installEvents.isEmpty()) {
            throw failure;
        }
        installEvents.forEach(events);
        return installEvents.get(installEvents.size() - 1);
    }
}
