package dev.cos.installer.app.wizard;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.api.SourceInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The answers the wizard's pages collect, shared by all of them. Pages only collect intent: nothing
 * touches a disk before the person confirms on the summary page. UI thread only.
 */
public final class WizardModel {

    /** The firmware choices the partition page offers, as the engine's {@code --firmware} names them. */
    public enum FirmwareChoice {
        EFI("efi"), BIOS("bios"), HYBRID("hybrid");

        private final String cliName;

        FirmwareChoice(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }
    }

    private final ObjectProperty<DiskList> disks = new SimpleObjectProperty<>();
    private final ObjectProperty<TargetChoice> target = new SimpleObjectProperty<>();
    private final ObjectProperty<FirmwareChoice> firmware = new SimpleObjectProperty<>(FirmwareChoice.HYBRID);
    /** Sizes the person set, by partition name (oem, recovery, state): absent = the engine's default. */
    private final ObservableMap<String, Long> partSizesMiB = FXCollections.observableMap(new LinkedHashMap<>());
    /** The image to install (a path or an http(s) URL): empty = the bundled demo image. */
    private final ObjectProperty<Optional<String>> source = new SimpleObjectProperty<>(Optional.empty());
    /** The person accepted an http(s) source with no published digest (--allow-unverified). */
    private final BooleanProperty allowUnverified = new SimpleBooleanProperty(false);
    private final ObjectProperty<SourceInfo> sourceInfo = new SimpleObjectProperty<>();
    /** The sources the engine's config names (check's configuredSources): suggestions on the image page. */
    private final javafx.collections.ObservableList<String> configuredSources = javafx.collections.FXCollections.observableArrayList();
    private final ObjectProperty<InstallPlan> plan = new SimpleObjectProperty<>();
    private final StringProperty logFile = new SimpleStringProperty("");
    private final ObjectProperty<InstallOutcome> outcome = new SimpleObjectProperty<>();
    private final Path defaultImageFile;

    /** @param defaultImageFile the disk image file offered when there is no eligible disk (under the user's data directory) */
    public WizardModel(Path defaultImageFile) {
        this.defaultImageFile = defaultImageFile;
    }

    public Path defaultImageFile() {
        return defaultImageFile;
    }

    public ObjectProperty<DiskList> disks() {
        return disks;
    }

    public ObjectProperty<TargetChoice> target() {
        return target;
    }

    public ObjectProperty<FirmwareChoice> firmware() {
        return firmware;
    }

    public ObservableMap<String, Long> partSizesMiB() {
        return partSizesMiB;
    }

    public ObjectProperty<Optional<String>> source() {
        return source;
    }

    public BooleanProperty allowUnverified() {
        return allowUnverified;
    }

    public javafx.collections.ObservableList<String> configuredSources() {
        return configuredSources;
    }

    public ObjectProperty<SourceInfo> sourceInfo() {
        return sourceInfo;
    }

    public ObjectProperty<InstallPlan> plan() {
        return plan;
    }

    /** The engine's log file of the last install (from its start event). */
    public StringProperty logFile() {
        return logFile;
    }

    /** How the last install ended; null before the first one ends. */
    public ObjectProperty<InstallOutcome> outcome() {
        return outcome;
    }

    /**
     * Creates the directory of a new disk image file (the person's own directory, e.g. under
     * ~/.local/share): the engine creates the file, not its directories. Blocking: off the UI thread.
     */
    public void prepareImageDirectory() throws java.io.IOException {
        if (target.get() instanceof TargetChoice.ImageFile file && !file.exists() && file.file().getParent() != null) {
            java.nio.file.Files.createDirectories(file.file().getParent());
        }
    }

    /** The answers as an engine request; requires a target. */
    public InstallRequest toRequest() {
        TargetChoice chosen = target.get();
        if (chosen == null) {
            throw new IllegalStateException("no target chosen yet");
        }
        // The engine creates (and sizes) only new files; an existing one is installed onto as it is.
        Optional<String> size = chosen instanceof TargetChoice.ImageFile file && !file.exists()
                ? Optional.of(file.sizeArgument()) : Optional.empty();
        return new InstallRequest(chosen.path(), size, source.get(), firmware.get().cliName(),
                Map.copyOf(partSizesMiB), allowUnverified.get());
    }
}
