package dev.cos.installer.app.engine;

import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.api.RepairKind;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.api.SystemCheck;
import java.util.List;
import java.util.function.Consumer;

/**
 * The installer engine as the GUI uses it: the {@code cos-installer} CLI in a child process. Every
 * method blocks until the engine has answered: call them off the FX thread.
 */
public interface Engine {

    /**
     * The app is ending: lets the engine process end once its current job is done (never kills it).
     * Nothing to do for engines without a process.
     */
    default void close() {
    }

    /** {@code disks --json}: every disk and why it can or cannot be installed to. */
    DiskList disks() throws EngineException;

    /** {@code check --json}: which system tools an install needs are present, and the firmware. Reads only. */
    SystemCheck check() throws EngineException;

    /** {@code plan --json}: the layout and the exact commands an install would run; changes nothing. */
    InstallPlan plan(InstallRequest request) throws EngineException;

    /**
     * {@code inspect --json}: the image's name, version, size and digest; {@code progress} sees the
     * verify events while the source is read.
     */
    default SourceInfo inspect(java.util.Optional<String> source, Consumer<Event> progress) throws EngineException {
        return inspect(source, false, progress);
    }

    /**
     * {@code inspect --json [--allow-unverified]}: as {@link #inspect(java.util.Optional, Consumer)}; with
     * {@code allowUnverified} an http(s) image with no published digest is read (and marked
     * {@link SourceInfo#unverified()}) instead of refused. Only for a source an administrator allowed so.
     */
    SourceInfo inspect(java.util.Optional<String> source, boolean allowUnverified, Consumer<Event> progress)
            throws EngineException;

    /**
     * {@code inspect --progress=json --no-pull REF}: a container image resolved to its digest, read from its
     * manifest and config (and its signature verified when the config asks), no layer downloaded.
     */
    SourceInfo inspectImage(String reference, Consumer<Event> progress) throws EngineException;

    /**
     * {@code install --yes --progress=json}: every event goes to {@code events} as it arrives (on the
     * calling thread); returns the last event, {@link Event.Result} or {@link Event.Error}.
     */
    Event install(InstallRequest request, Consumer<Event> events) throws EngineException;

    // --- tray: status, upgrade, boot entry, rollback ---

    /** {@code status --json}: the installed system's slots, images, free space, boot state and history. Reads only. */
    StatusAnswer status() throws EngineException;

    /**
     * {@code upgrade-check --json --source S}: the digest a container image source's tag points at now
     * (a manifest HEAD, nothing downloaded) and whether it differs from the running slot's. Reads only.
     */
    dev.cos.installer.api.UpgradeCheck upgradeCheck(String source) throws EngineException;

    /**
     * {@code upgrade --progress=json --source S [--recovery]}: every event goes to {@code events} as it
     * arrives; returns the last event, {@link Event.Result} or {@link Event.Error}.
     */
    Event upgrade(String source, boolean recovery, Consumer<Event> events) throws EngineException;

    /**
     * {@code bootentry --select SLOT [--once] [--rehearsal]}: which slot GRUB boots next (once) or by
     * default; returns the engine's line naming the variable it set.
     */
    String bootentry(String slot, boolean once, boolean rehearsal) throws EngineException;

    /** {@code rollback --swap --progress=json}: passive becomes the active system; returns the last event. */
    Event rollbackSwap(Consumer<Event> events) throws EngineException;

    // --- recovery screen (docs/repair.md) ---

    /** {@code diagnose --json}: read-only; an unhealthy system is an answer, not an exception. */
    DiagnoseAnswer diagnose() throws EngineException;

    /** {@code repair --describe --json}: every recovery action with its data impact; changes nothing. */
    RepairCatalog describeRepairs() throws EngineException;

    /**
     * {@code repair --fsck|--bootloader|--grub-env --progress=json}; returns the last event, as {@link #install}.
     * With FSCK: {@code partitions} only these (label or GPT name; empty = all), {@code yesFix} answer yes to
     * every fix ({@code -y}) instead of only the safe ones ({@code -p}).
     */
    Event repair(RepairKind kind, List<String> partitions, boolean yesFix, Consumer<Event> events)
            throws EngineException;

    /** {@code reset [--reset-persistent] [--reset-oem] --progress=json} (only from recovery); as {@link #install}. */
    Event reset(boolean resetPersistent, boolean resetOem, Consumer<Event> events) throws EngineException;

    /**
     * {@code rollback --swap --progress=json} with {@code swap}, else {@code bootentry --select passive}
     * (which prints no events: {@code events} then sees only the final Succeeded); as {@link #install}.
     */
    Event rollback(boolean swap, Consumer<Event> events) throws EngineException;
}
