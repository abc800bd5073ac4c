package dev.cos.installer.app.wizard.done;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.app.widgets.FailurePanel;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.wizard.InstallOutcome;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * The last page: success (what was installed where, reboot / power off / quit, where the log is) or
 * failure (the failed step, the message and details, Save log..., Retry). It never shows success
 * unless the engine's last event was a result. UI thread only.
 */
public final class DoneViewModel implements PageViewModel {

    /** Partition names the engine's result summary uses, in disk order. */
    private static final List<String> PARTITIONS = List.of("bios", "efi", "oem", "recovery", "state", "persistent");

    private final WizardContext context;
    private final SystemPower power;
    private final BooleanProperty success = new SimpleBooleanProperty(false);
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty logLine = new SimpleStringProperty("");
    private final StringProperty bootHint = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty canPower = new SimpleBooleanProperty(false);
    private final ObjectProperty<Optional<FailurePanel.Failure>> failure = new SimpleObjectProperty<>(Optional.empty());

    public DoneViewModel(WizardContext context) {
        this(context, SystemPower.systemctl());
    }

    public DoneViewModel(WizardContext context, SystemPower power) {
        this.context = context;
        this.power = power;
    }

    @Override
    public ObservableBooleanValue complete() {
        return new SimpleBooleanProperty(false);
    }

    @Override
    public ObservableStringValue nextLabel() {
        return new ReadOnlyStringWrapper(Messages.get("button.next")).getReadOnlyProperty();
    }

    @Override
    public void onEnter() {
        status.set("");
        failure.set(Optional.empty());
        InstallOutcome outcome = context.model().outcome().get();
        TargetChoice target = context.model().target().get();
        String where = target == null ? "" : target.displayName();
        if (outcome instanceof InstallOutcome.Success ok) {
            success.set(true);
            title.set(Messages.get("done.success.title"));
            message.set(Messages.get("done.success.message", where) + "\n" + installed(ok.summary()));
            details.set("");
            // Rebooting makes sense only when the install went to a disk of this machine.
            canPower.set(target instanceof TargetChoice.Disk);
            bootHint.set(target instanceof TargetChoice.ImageFile file ? Messages.get("done.boot-hint", qemuCommand(file.file())) : "");
        } else if (outcome instanceof InstallOutcome.Failure failed) {
            success.set(false);
            title.set(Messages.get("done.failure.title"));
            String step = failed.stepTitle().filter(s -> !s.isBlank()).map(s -> Messages.get("done.failure.step", s))
                    .orElse(Messages.get("done.failure.before-writing"));
            message.set("");
            details.set("");
            failure.set(Optional.of(new FailurePanel.Failure(step + "\n" + failed.message(), failed.details(),
                    failed.transcript())));
            canPower.set(false);
            bootHint.set("");
        } else {
            success.set(false);
            title.set(Messages.get("done.failure.title"));
            message.set("");
            details.set("");
            failure.set(Optional.of(new FailurePanel.Failure(Messages.get("done.failure.no-outcome"), "", List.of())));
            canPower.set(false);
        }
        logLine.set(outcome == null ? "" : outcome.log().map(log -> Messages.get("done.log", log)).orElse(""));
    }

    /** One line per partition the engine reported, in disk order. */
    static String installed(Map<String, String> summary) {
        List<String> lines = new ArrayList<>();
        for (String name : PARTITIONS) {
            Optional.ofNullable(summary.get(name)).ifPresent(value -> lines.add("  " + name + ": " + value));
        }
        Optional.ofNullable(summary.get("system")).ifPresent(value -> lines.add("  " + Messages.get("done.system", value)));
        return String.join("\n", lines);
    }

    /** The QEMU command line that boots an installed image file (UEFI, software emulation). */
    public static String qemuCommand(Path image) {
        return "cp /usr/share/OVMF/OVMF_VARS_4M.fd /tmp/cos-vars.fd && qemu-system-x86_64 -machine q35 -accel tcg -m 1024 "
                + "-snapshot -serial stdio -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd "
                + "-drive if=pflash,format=raw,file=/tmp/cos-vars.fd -drive file=" + image + ",format=raw";
    }

    /** Retry: back to the summary with every answer kept; it plans again and asks for a fresh yes. */
    public void retry() {
        context.navigator().show(Page.SUMMARY);
    }

    /** Save log...: asks where (a zip), then saves there. */
    public void saveLog() {
        context.dialogs().chooseFileToSave(Messages.get("done.save-log.title"), Optional.empty(), "cos-installer-log.zip",
                List.of(new DialogService.FileType("Zip", List.of("*.zip")))).ifPresent(this::saveLog);
    }

    public void saveLog(Path zip) {
        InstallOutcome outcome = context.model().outcome().get();
        if (outcome == null) {
            return;
        }
        status.set(Messages.get("done.saving"));
        context.background().run("save log bundle", () -> {
            LogBundle.write(zip, outcome, Optional.ofNullable(context.model().plan().get()));
            return zip;
        }, saved -> status.set(Messages.get("done.saved", saved)), error -> status.set(Messages.get("done.save-failed", error.getMessage())));
    }

    public void reboot() {
        context.background().run("reboot", () -> {
            power.reboot();
            return true;
        }, ok -> status.set(Messages.get("done.rebooting")), error -> status.set(Messages.get("done.power-failed", error.getMessage())));
    }

    public void powerOff() {
        context.background().run("power off", () -> {
            power.powerOff();
            return true;
        }, ok -> status.set(Messages.get("done.powering-off")), error -> status.set(Messages.get("done.power-failed", error.getMessage())));
    }

    public ReadOnlyBooleanProperty success() {
        return success;
    }

    public ReadOnlyStringProperty title() {
        return title;
    }

    public ReadOnlyStringProperty message() {
        return message;
    }

    public ReadOnlyStringProperty details() {
        return details;
    }

    public ReadOnlyStringProperty logLine() {
        return logLine;
    }

    /** For an image file: how to boot it with QEMU. */
    public ReadOnlyStringProperty bootHint() {
        return bootHint;
    }

    /** Outcome of the last button (saving, power). */
    public ReadOnlyStringProperty status() {
        return status;
    }

    /** The failure the failure panel shows; empty after a success. */
    public ReadOnlyObjectProperty<Optional<FailurePanel.Failure>> failure() {
        return failure;
    }

    public ReadOnlyBooleanProperty canPower() {
        return canPower;
    }
}
