package dev.cos.installer.app.wizard.image;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.dialogs.DialogService;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import dev.cos.installer.source.RemoteSource;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import dev.cos.installer.app.widgets.ContainerFacts;
import dev.cos.installer.source.ContainerSource;

/**
 * The image page: the bundled demo image, or a directory, tar archive, squashfs or image file the
 * person chooses, or an http(s) URL of one. Each choice is inspected by the engine in the background
 * (download, validity and sha256, with progress); an answer for an earlier choice is ignored. A URL
 * with no published digest is refused by the engine unless the person ticks "allow unverified"; the
 * page then warns that the image is unverified. Sets {@link WizardModel#source()},
 * {@link WizardModel#allowUnverified()} and {@link WizardModel#sourceInfo()}. UI thread only.
 */
public final class ImageViewModel implements PageViewModel {

    /** The kinds of answer the page offers: the demo, a local or http(s) image, a container image. */
    public enum Choice { DEMO, OTHER, REGISTRY }

    /** Value shown while the progress is unknown (ProgressIndicator.INDETERMINATE_PROGRESS). */
    public static final double UNKNOWN_PROGRESS = -1;

    private final WizardContext context;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.DEMO);
    /** A path as Path.toString() writes it, or a URL as typed. */
    private final ReadOnlyObjectWrapper<Optional<String>> otherSource = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final BooleanProperty allowUnverified = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper remote = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper unverified = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper inspecting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(UNKNOWN_PROGRESS);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SourceInfo> info = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper digest = new ReadOnlyStringWrapper("");
    /** The container image reference typed for {@link Choice#REGISTRY}, as typed. */
    private final StringProperty reference = new SimpleStringProperty("");
    /** The reference last checked ("Check" or Enter); empty before. */
    private final ReadOnlyObjectWrapper<Optional<String>> checkedReference = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ObservableList<String> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ContainerFacts> container = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));
    private final BooleanBinding complete;
    /** Bumped by every new inspection: answers and progress carrying an older number are stale. */
    private long generation;
    /** The source (and opt-out) the current answer or running inspection is for; empty = none yet. */
    private Optional<Inspected> inspected = Optional.empty();

    /** @param source empty = the demo */
    private record Inspected(Optional<String> source, boolean allowUnverified) {}

    public ImageViewModel(WizardContext context) {
        this.context = context;
        complete = Bindings.createBooleanBinding(() -> info.get() != null && !inspecting.get() && error.get().isEmpty(),
                info, inspecting, error);
        choice.addListener((obs, old, now) -> refresh());
        allowUnverified.addListener((obs, old, now) -> {
            if (remote.get()) {
                refresh();
            }
        });
        info.addListener((obs, old, now) -> showInfo(now));
        context.model().configuredSources().addListener((javafx.collections.ListChangeListener<String>) c -> suggest());
        suggest();
    }

    /** The config's container sources (install.system.uri, upgrade.system.uri) as suggestions; the first fills an empty field. */
    private void suggest() {
        List<String> configured = context.model().configuredSources().stream().filter(ContainerSource::isContainer).toList();
        suggestions.setAll(configured);
        if (reference.get().isBlank() && !configured.isEmpty()) {
            reference.set(configured.get(0));
        }
    }

    /** The container image reference field ({@code oci:}, {@code docker:}, {@code oci-dir:}, {@code oci-archive:}). */
    public StringProperty reference() {
        return reference;
    }

    /** Container sources the engine's config names, offered in the reference field. */
    public ObservableList<String> suggestions() {
        return suggestions;
    }

    /** The reference the answer on the page is for, once "Check" was pressed. */
    public ReadOnlyObjectProperty<Optional<String>> checkedReference() {
        return checkedReference.getReadOnlyProperty();
    }

    /**
     * "Check": selects {@link Choice#REGISTRY} and has the engine resolve and read the typed reference
     * (in the background; the answer pins it to a digest). A blank field clears the answer.
     */
    public void checkReference() {
        String typed = reference.get() == null ? "" : reference.get().strip();
        checkedReference.set(typed.isEmpty() ? Optional.empty() : Optional.of(typed));
        if (choice.get() == Choice.REGISTRY) {
            refresh();
        } else {
            choice.set(Choice.REGISTRY);
        }
    }

    /** What the engine said of a container image (reference, pinned digest, labels, signature); null for other sources. */
    public ReadOnlyObjectProperty<ContainerFacts> container() {
        return container.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue complete() {
        return complete;
    }

    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    /** Inspects the current choice unless its answer is already there (Back and Next keep it). */
    @Override
    public void onEnter() {
        refresh();
    }

    /** Demo or another image; changing it inspects the new choice. */
    public ObjectProperty<Choice> choice() {
        return choice;
    }

    /** The directory, file or http(s) URL chosen for {@link Choice#OTHER}. */
    public ReadOnlyObjectProperty<Optional<String>> otherSource() {
        return otherSource.getReadOnlyProperty();
    }

    /** Whether the other source is an http(s) URL: then the "allow unverified" choice applies. */
    public ReadOnlyBooleanProperty remote() {
        return remote.getReadOnlyProperty();
    }

    /** The person accepts a URL that has no published digest; changing it inspects again. */
    public BooleanProperty allowUnverified() {
        return allowUnverified;
    }

    /** The warning that the image is unverified (no digest checked it), or empty. */
    public ReadOnlyStringProperty unverified() {
        return unverified.getReadOnlyProperty();
    }

    /** Chooses {@code path} (typed, or from a chooser) as the image: selects OTHER and inspects it. */
    /** "Choose a file...": an image file (tar, squashfs, raw image) through the dialogs. */
    public void chooseFile() {
        context.dialogs().chooseFileToOpen(Messages.get("image.choose-file.title"), chooserDirectory(), List.of(
                new DialogService.FileType(Messages.get("image.filter.images"),
                        List.of("*.tar", "*.tar.gz", "*.tgz", "*.tar.xz", "*.tar.zst", "*.squashfs", "*.img")),
                new DialogService.FileType(Messages.get("image.filter.all"), List.of("*")))).ifPresent(this::chooseOther);
    }

    /** "Choose a folder...": an unpacked image directory through the dialogs. */
    public void chooseFolder() {
        context.dialogs().chooseDirectory(Messages.get("image.choose-folder.title"), chooserDirectory()).ifPresent(this::chooseOther);
    }

    /** The choosers start beside the other source chosen last (a local one). */
    private Optional<Path> chooserDirectory() {
        return otherSource().get().filter(s -> !remote().get()).map(Path::of).map(Path::getParent);
    }

    public void chooseOther(Path path) {
        chooseOtherSource(path.toString());
    }

    private void chooseOtherSource(String source) {
        otherSource.set(Optional.of(source));
        remote.set(RemoteSource.isRemote(source));
        if (choice.get() == Choice.OTHER) {
            refresh();
        } else {
            choice.set(Choice.OTHER);
        }
    }

    /** Like {@link #chooseOther(Path)} from text; blank clears the path. */
    public void chooseOther(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            otherSource.set(Optional.empty());
            remote.set(false);
            refresh();
            return;
        }
        if (RemoteSource.isRemote(text)) {
            chooseOtherSource(text);
            return;
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            generation++;
            inspected = Optional.empty();
            choice.set(Choice.OTHER);
            inspecting.set(false);
            info.set(null);
            error.set(Messages.get("image.error.path", text, e.getReason()));
            return;
        }
        chooseOther(path);
    }

    public ReadOnlyBooleanProperty inspecting() {
        return inspecting.getReadOnlyProperty();
    }

    /** 0..1 of the source read so far, or {@link #UNKNOWN_PROGRESS}. */
    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** "Checking: 12.0 MiB of 120.0 MiB", or empty when idle. */
    public ReadOnlyStringProperty progressText() {
        return progressText.getReadOnlyProperty();
    }

    /** The engine's answer for the current choice; null while none. */
    public ReadOnlyObjectProperty<SourceInfo> info() {
        return info.getReadOnlyProperty();
    }

    /** Why the engine refused the current choice (its message), or empty. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty name() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty version() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty size() {
        return size.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty digest() {
        return digest.getReadOnlyProperty();
    }

    private Inspected current() {
        Optional<String> source = switch (choice.get()) {
            case DEMO -> Optional.empty();
            case OTHER -> otherSource.get();
            case REGISTRY -> checkedReference.get();
        };
        return new Inspected(source, allowUnverified.get() && source.filter(RemoteSource::isRemote).isPresent());
    }

    private void refresh() {
        WizardModel model = context.model();
        if (choice.get() != Choice.DEMO && current().source().isEmpty()) {
            generation++;
            inspected = Optional.empty();
            inspecting.set(false);
            info.set(null);
            error.set("");
            progressText.set(Messages.get(choice.get() == Choice.OTHER ? "image.other.none" : "image.registry.none"));
            model.source().set(Optional.empty());
            model.allowUnverified().set(false);
            model.sourceInfo().set(null);
            return;
        }
        Inspected wanted = current();
        // An answer (or a running inspection) for the same source stands; a refusal is asked again.
        if (inspected.equals(Optional.of(wanted)) && (inspecting.get() || info.get() != null)) {
            return;
        }
        inspect(wanted);
    }

    private void inspect(Inspected wanted) {
        long mine = ++generation;
        inspected = Optional.of(wanted);
        Optional<String> source = wanted.source();
        WizardModel model = context.model();
        model.source().set(source);
        model.allowUnverified().set(wanted.allowUnverified());
        model.sourceInfo().set(null);
        info.set(null);
        error.set("");
        inspecting.set(true);
        progress.set(UNKNOWN_PROGRESS);
        progressText.set(Messages.get("image.checking.start"));
        // A container image is checked from its manifest and config (no layer): the install pulls it once.
        boolean containerImage = choice.get() == Choice.REGISTRY && source.isPresent();
        context.background().run("inspect " + source.orElse("demo image"),
                () -> containerImage ? context.engine().inspectImage(source.get(), event -> onEvent(mine, event))
                        : context.engine().inspect(source, wanted.allowUnverified(), event -> onEvent(mine, event)),
                answer -> {
                    if (mine == generation) {
                        inspecting.set(false);
                        progressText.set("");
                        // The model first: the page is complete (Next enabled) once info is set. A container
                        // image is installed by the digest the engine pinned, never by its tag again.
                        answer.containerImage().ifPresent(image -> model.source().set(Optional.of(image.reference())));
                        model.sourceInfo().set(answer);
                        info.set(answer);
                    }
                },
                failure -> {
                    if (mine == generation) {
                        inspecting.set(false);
                        progressText.set("");
                        error.set(failure instanceof EngineException refused ? refused.getMessage()
                                : Messages.get("image.error.unexpected", String.valueOf(failure.getMessage())));
                    }
                });
    }

    /** Called on the engine's thread: hands download and verify progress to the UI thread, unless it is stale by then. */
    private void onEvent(long mine, Event event) {
        if (event instanceof Event.Progress p && ("verify".equals(p.step()) || "download".equals(p.step()))
                && p.bytesTotal() > 0) {
            double fraction = Math.min(1, (double) p.bytesDone() / p.bytesTotal());
            String text = Messages.get("verify".equals(p.step()) ? "image.checking" : "image.downloading",
                    human(p.bytesDone()), human(p.bytesTotal()));
            context.background().post(() -> {
                if (mine == generation && inspecting.get()) {
                    progress.set(fraction);
                    progressText.set(text);
                }
            });
        }
    }

    private void showInfo(SourceInfo answer) {
        if (answer == null) {
            name.set("");
            version.set("");
            size.set("");
            digest.set("");
            unverified.set("");
            container.set(null);
            return;
        }
        container.set(answer.containerImage().map(ContainerFacts::of).orElse(null));
        unverified.set(answer.unverified() ? Messages.get("image.unverified", answer.uri()) : "");
        name.set(answer.name().isEmpty() ? Messages.get("image.unknown") : answer.name());
        version.set(answer.version().isEmpty() ? Messages.get("image.unknown") : answer.version());
        size.set(Messages.get(answer.containerImage().isEmpty() ? "image.size.value"
                : answer.treeBytes() > 0 ? "image.size.container" : "image.size.download", human(answer.bytes()),
                human(answer.treeBytes())));
        digest.set(answer.digest());
    }

    static String human(long bytes) {
        return ByteSize.ofBytes(bytes).human();
    }
}
