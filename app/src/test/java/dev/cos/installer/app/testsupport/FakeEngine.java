package dev.cos.installer.app.testsupport;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.engine.Engine;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.SystemCheck;
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
    /** Answers of {@link #inspect} by source ("<demo>" for none); wins over {@link #sourceInfo}. */
    public final java.util.Map<String, SourceInfo> sourceInfoBySource = new java.util.HashMap<>();
    /**
     * Refusals of {@link #inspect} by source ("--allow-unverified " before it for a call with the
     * opt-out, so a refusal for want of a digest can be lifted by it); win over every answer.
     */
    public final java.util.Map<String, EngineException> inspectFailureBySource = new java.util.HashMap<>();
    /** Events {@link #inspect} emits before its verify progress (a download, for a URL source). */
    public List<Event> inspectEventsBefore = new ArrayList<>();
    /** Events {@link #install} emits, in order; the last one is returned. */
    public List<Event> installEvents = new ArrayList<>();
    public EngineException failure = new EngineException("ENGINE", 1, "fake failure", "");
    public final List<String> calls = new ArrayList<>();
    public final List<InstallRequest> requests = new ArrayList<>();

    /**
     * The answers for the whole way through the wizard onto a disk: the five loop devices, every tool
     * (check.json), the 16 GiB disk's plan and its source image (for the image page's inspect); the
     * install fails until {@link #installEvents} are set.
     */
    public static FakeEngine diskInstall() {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        engine.check = Fixtures.check();
        engine.plan = Fixtures.plan("plan-16g-disk.json");
        InstallPlan.Source source = engine.plan.source();
        engine.sourceInfo = new SourceInfo(source.uri(), "cOS demo 1.0", "1.0", source.bytes(), source.treeBytes(), source.digest());
        return engine;
    }

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
    public SourceInfo inspect(Optional<String> source, boolean allowUnverified, Consumer<Event> progress)
            throws EngineException {
        String key = source.orElse("<demo>");
        String asked = (allowUnverified ? "--allow-unverified " : "") + key;
        calls.add("inspect " + asked);
        if (inspectFailureBySource.containsKey(asked)) {
            throw inspectFailureBySource.get(asked);
        }
        SourceInfo answer = sourceInfoBySource.getOrDefault(key, sourceInfo);
        if (answer == null) {
            throw failure;
        }
        inspectEventsBefore.forEach(progress);
        progress.accept(new Event.Progress("T", "verify", 0, 0.5, answer.bytes() / 2, answer.bytes()));
        progress.accept(new Event.Progress("T", "verify", 0, 1, answer.bytes(), answer.bytes()));
        return answer;
    }

    /** As {@link #inspect}, recorded as "inspect --no-pull REF"; answers and refusals by the reference. */
    @Override
    public SourceInfo inspectImage(String reference, Consumer<Event> progress) throws EngineException {
        calls.add("inspect --no-pull " + reference);
        if (inspectFailureBySource.containsKey(reference)) {
            throw inspectFailureBySource.get(reference);
        }
        SourceInfo answer = sourceInfoBySource.get(reference);
        if (answer == null) {
            throw failure;
        }
        return answer;
    }

    @Override
    public Event install(InstallRequest request, Consumer<Event> events) throws EngineException {
        calls.add("install");
        requests.add(request);
        if (installEvents.isEmpty()) {
            throw failure;
        }
        installEvents.forEach(events);
        return installEvents.get(installEvents.size() - 1);
    }

    // --- tray: status, upgrade, boot entry, rollback ---

    /** The {@code status} answer; null makes it throw {@link #failure}. */
    public dev.cos.installer.api.StatusAnswer status;
    /** The {@code upgrade-check} answer; null makes it throw {@link #failure}. */
    public dev.cos.installer.api.UpgradeCheck upgradeCheck;

    @Override
    public dev.cos.installer.api.UpgradeCheck upgradeCheck(String source) throws EngineException {
        calls.add("upgrade-check " + source);
        if (upgradeCheck == null) {
            throw failure;
        }
        return upgradeCheck;
    }

    /** Events {@link #upgrade} emits, in order; the last one is returned. Empty: it throws {@link #failure}. */
    public List<Event> upgradeEvents = new ArrayList<>();
    /** Events {@link #rollbackSwap} emits; the last one is returned. Empty: it throws {@link #failure}. */
    public List<Event> rollbackEvents = new ArrayList<>();
    /** Set: {@link #bootentry} throws it. */
    public EngineException bootentryFailure;

    @Override
    public dev.cos.installer.api.StatusAnswer status() throws EngineException {
        calls.add("status");
        if (status == null) {
            throw failure;
        }
        return status;
    }

    @Override
    public Event upgrade(String source, boolean recovery, Consumer<Event> events) throws EngineException {
        calls.add("upgrade " + source + (recovery ? " --recovery" : ""));
        if (upgradeEvents.isEmpty()) {
            throw failure;
        }
        upgradeEvents.forEach(events);
        return upgradeEvents.get(upgradeEvents.size() - 1);
    }

    @Override
    public String bootentry(String slot, boolean once, boolean rehearsal) throws EngineException {
        calls.add("bootentry " + slot + (once ? " --once" : "") + (rehearsal ? " --rehearsal" : ""));
        if (bootentryFailure != null) {
            throw bootentryFailure;
        }
        return "COS_OEM:/grubenv: " + (once ? "next_entry" : "saved_entry") + "=" + slot;
    }

    @Override
    public Event rollbackSwap(Consumer<Event> events) throws EngineException {
        calls.add("rollback --swap");
        if (rollbackEvents.isEmpty()) {
            throw failure;
        }
        rollbackEvents.forEach(events);
        return rollbackEvents.get(rollbackEvents.size() - 1);
    }

    // --- recovery screen ---

    /** Answers of {@link #diagnose}, in turn; the last one repeats. Empty = throw {@link #failure}. */
    public final java.util.Deque<dev.cos.installer.api.DiagnoseAnswer> diagnoses = new java.util.ArrayDeque<>();
    public dev.cos.installer.api.RepairCatalog repairCatalog;
    /** Events of the next repair/reset/rollback run, in order; the last one is returned. Empty = throw {@link #failure}. */
    public List<Event> actionEvents = new ArrayList<>();

    @Override
    public dev.cos.installer.api.DiagnoseAnswer diagnose() throws EngineException {
        calls.add("diagnose");
        if (diagnoses.isEmpty()) {
            throw failure;
        }
        return diagnoses.size() > 1 ? diagnoses.poll() : diagnoses.peek();
    }

    @Override
    public dev.cos.installer.api.RepairCatalog describeRepairs() throws EngineException {
        calls.add("describe");
        if (repairCatalog == null) {
            throw failure;
        }
        return repairCatalog;
    }

    @Override
    public Event repair(dev.cos.installer.api.RepairKind action, java.util.List<String> partitions, boolean yesFix,
            Consumer<Event> events) throws EngineException {
        calls.add("repair " + action.flag() + (yesFix ? " --yes-fix" : "")
                + partitions.stream().map(p -> " --partition " + p).reduce("", String::concat));
        return runAction(events);
    }

    @Override
    public Event reset(boolean resetPersistent, boolean resetOem, Consumer<Event> events) throws EngineException {
        calls.add("reset" + (resetPersistent ? " --reset-persistent" : "") + (resetOem ? " --reset-oem" : ""));
        return runAction(events);
    }

    @Override
    public Event rollback(boolean swap, Consumer<Event> events) throws EngineException {
        calls.add(swap ? "rollback --swap" : "bootentry --select passive");
        return runAction(events);
    }

    private Event runAction(Consumer<Event> events) throws EngineException {
        if (actionEvents.isEmpty()) {
            throw failure;
        }
        actionEvents.forEach(events);
        return actionEvents.get(actionEvents.size() - 1);
    }
}
