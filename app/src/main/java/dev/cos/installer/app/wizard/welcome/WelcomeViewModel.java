package dev.cos.installer.app.wizard.welcome;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SystemCheck;
import dev.cos.installer.app.host.HostFacts;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The welcome page: the product and its version, and whether this machine can run an install. The
 * checks: memory (at least {@link #MIN_RAM_BYTES}), the firmware, the engine's system tools, and
 * whether any disk can be installed on. Blocking (Next stays disabled): too little memory, missing
 * tools, or an engine that cannot answer. No eligible disk is only a note: the wizard then offers a
 * disk image file. UI thread only; the checks run through the context's background.
 */
public final class WelcomeViewModel implements PageViewModel {

    /** Less memory than this cannot build the images (mkfs, mksquashfs) alongside the GUI. */
    public static final long MIN_RAM_BYTES = ByteSize.GIB;
    /**
     * The MemTotal that counts as {@link #MIN_RAM_BYTES} installed: the kernel keeps its own memory out
     * of MemTotal, so a 1 GiB machine reports about 0.95 GiB.
     */
    static final long MIN_MEMTOTAL_BYTES = 900 * ByteSize.MIB;

    public enum Status { PASSED, FAILED, NOTE }

    /**
     * One line of the requirements list.
     *
     * @param id memory, firmware, tools, disks or engine (stable, for tests and styles)
     * @param blocking true when a failed check keeps Next disabled
     */
    public record Check(String id, Status status, String text, boolean blocking) {
        public Check {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(text, "text");
        }

        public boolean blocks() {
            return status == Status.FAILED && blocking;
        }
    }

    /** What the background checks found; an engine failure replaces its answer. */
    record Findings(HostFacts host, Optional<SystemCheck> tools, Optional<DiskList> disks, Optional<EngineException> toolsFailure,
            Optional<EngineException> disksFailure) {}

    private final WizardContext context;
    private final HostFacts.Reader host;
    private final ObservableList<Check> checks = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<Check> checksReadOnly = FXCollections.unmodifiableObservableList(checks);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding complete;
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));

    public WelcomeViewModel(WizardContext context) {
        this(context, HostFacts.Reader.system());
    }

    /** @param host where memory and firmware are read (tests give a fixed answer) */
    public WelcomeViewModel(WizardContext context, HostFacts.Reader host) {
        this.context = Objects.requireNonNull(context, "context");
        this.host = Objects.requireNonNull(host, "host");
        complete = Bindings.createBooleanBinding(
                () -> checked.get() && !loading.get() && checks.stream().noneMatch(Check::blocks), checked, loading, checks);
    }

    /** The product name shown as the page title. */
    public String productName() {
        return Messages.get("app.name");
    }

    /** "Version 0.1.0": the app's version from its jar manifest, "development build" when run from classes. */
    public String versionText() {
        String version = WelcomeViewModel.class.getPackage().getImplementationVersion();
        return version == null ? Messages.get("welcome.version.dev") : Messages.get("welcome.version", version);
    }

    public ObservableList<Check> checks() {
        return checksReadOnly;
    }

    /** True while the checks run (the view shows a progress indicator). */
    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue complete() {
        return complete;
    }

    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    /** Runs the checks the first time the page shows; "Check again" calls {@link #recheck()}. */
    @Override
    public void onEnter() {
        if (!checked.get() && !loading.get()) {
            recheck();
        }
    }

    /** Runs every check again, in the background. */
    public void recheck() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        checks.clear();
        context.background().run("requirement checks", this::gather, this::show, failure -> {
            checks.setAll(new Check("engine", Status.FAILED, Messages.get("welcome.check.engine-failed",
                    String.valueOf(failure.getMessage())), true));
            checked.set(true);
            loading.set(false);
        });
    }

    /** Off the UI thread: reads the host and asks the engine. */
    private Findings gather() {
        HostFacts facts = host.read();
        Optional<SystemCheck> tools = Optional.empty();
        Optional<EngineException> toolsFailure = Optional.empty();
        try {
            tools = Optional.of(context.engine().check());
        } catch (EngineException e) {
            toolsFailure = Optional.of(e);
        }
        Optional<DiskList> disks = Optional.empty();
        Optional<EngineException> disksFailure = Optional.empty();
        try {
            disks = Optional.of(context.engine().disks());
        } catch (EngineException e) {
            disksFailure = Optional.of(e);
        }
        return new Findings(facts, tools, disks, toolsFailure, disksFailure);
    }

    private void show(Findings findings) {
        findings.disks().ifPresent(context.model().disks()::set);
        findings.tools().ifPresent(check -> context.model().configuredSources().setAll(check.configuredSources()));
        checks.setAll(checksOf(findings));
        checked.set(true);
        loading.set(false);
    }

    /** The rows for what was found, in display order. Pure. */
    static List<Check> checksOf(Findings findings) {
        List<Check> rows = new ArrayList<>();
        rows.add(memory(findings.host()));
        rows.add(new Check("firmware", Status.PASSED, Messages.get(findings.host().firmware() == Firmware.EFI
                ? "welcome.check.firmware-efi" : "welcome.check.firmware-bios"), false));
        if (findings.tools().isPresent()) {
            SystemCheck tools = findings.tools().get();
            List<String> missing = tools.missingTools();
            rows.add(missing.isEmpty()
                    ? new Check("tools", Status.PASSED, Messages.get("welcome.check.tools-ok", tools.tools().size()), true)
                    : new Check("tools", Status.FAILED, Messages.get("welcome.check.tools-missing", String.join(", ", missing),
                            String.join(" ", tools.missingPackages())), true));
        } else {
            rows.add(new Check("tools", Status.FAILED, Messages.get("welcome.check.tools-unknown",
                    findings.toolsFailure().map(EngineException::getMessage).orElse("")), true));
        }
        if (findings.disks().isPresent()) {
            long eligible = findings.disks().get().disks().stream().filter(DiskList.Disk::installable).count();
            rows.add(eligible > 0
                    ? new Check("disks", Status.PASSED, Messages.get("welcome.check.disks-ok", eligible), false)
                    : new Check("disks", Status.NOTE, Messages.get("welcome.check.disks-none"), false));
        } else {
            rows.add(new Check("disks", Status.FAILED, Messages.get("welcome.check.disks-unknown",
                    findings.disksFailure().map(EngineException::getMessage).orElse("")), true));
        }
        return rows;
    }

    private static Check memory(HostFacts host) {
        if (host.ramBytes().isEmpty()) {
            return new Check("memory", Status.NOTE, Messages.get("welcome.check.memory-unknown",
                    ByteSize.ofBytes(MIN_RAM_BYTES).human()), true);
        }
        long ram = host.ramBytes().getAsLong();
        String have = ByteSize.ofBytes(ram).human();
        String need = ByteSize.ofBytes(MIN_RAM_BYTES).human();
        return ram >= MIN_MEMTOTAL_BYTES
                ? new Check("memory", Status.PASSED, Messages.get("welcome.check.memory-ok", have, need), true)
                : new Check("memory", Status.FAILED, Messages.get("welcome.check.memory-low", have, need), true);
    }
}
