package dev.cos.installer.app.wizard.image;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.engine.EngineEvent;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.engine.SourceInfo;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * The image page: the bundled demo image, or a directory, tar archive, squashfs or image file the
 * person chooses. Each choice is inspected by the engine in the background (validity and sha256,
 * with progress); an answer for an earlier choice is ignored. Sets {@link WizardModel#source()} and
 * {@link WizardModel#sourceInfo()}. UI thread only.
 */
public final class ImageViewModel implements PageViewModel {

    /** The two kinds of answer the page offers. */
    public enum Choice { DEMO, OTHER }

    /** Value shown while the progress is unknown (ProgressIndicator.INDETERMINATE_PROGRESS). */
    public static final double UNKNOWN_PROGRESS = -1;

    private final WizardContext context;
    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.DEMO);
    private final ReadOnlyObjectWrapper<Optional<Path>> otherPath = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper inspecting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(UNKNOWN_PROGRESS);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SourceInfo> info = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper digest = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));
    private final BooleanBinding complete;
    /** Bumped by every new inspection: answers and progress carrying an older number are stale. */
    private long generation;
    /** The source the current answer (or running inspection) is for; empty Optional = the demo. */
    private Optional<Optional<Path>> inspected = Optional.empty();

    public ImageViewModel(WizardContext context) {
        this.context = context;
        complete = Bindings.createBooleanBinding(() -> info.get() != null && !inspecting.get() && error.get().isEmpty(),
                info, inspecting, error);
        choice.addListener((obs, old, now) -> refresh());
        info.addListener((obs, old, now) -> showInfo(now));
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

    /** The directory or file chosen for {@link Choice#OTHER}. */
    public ReadOnlyObjectProperty<Optional<Path>> otherPath() {
        return otherPath.getReadOnlyProperty();
    }

    /** Chooses {@code path} (typed, or from a chooser) as the image: selects OTHER and inspects it. */
    public void chooseOther(Path path) {
        otherPath.set(Optional.of(path));
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
            otherPath.set(Optional.empty());
            refresh();
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

    private Optional<Path> currentSource() {
        return choice.get() == Choice.DEMO ? Optional.empty() : otherPath.get();
    }

    private void refresh() {
        WizardModel model = context.model();
        if (choice.get() == Choice.OTHER && otherPath.get().isEmpty()) {
            generation++;
            inspected = Optional.empty();
            inspecting.set(false);
            info.set(null);
            error.set("");
            progressText.set(Messages.get("image.other.none"));
            model.source().set(Optional.empty());
            model.sourceInfo().set(null);
            return;
        }
        Optional<Path> source = currentSource();
        // An answer (or a running inspection) for the same source stands; a refusal is asked again.
        if (inspected.equals(Optional.of(source)) && (inspecting.get() || info.get() != null)) {
            return;
        }
        inspect(source);
    }

    private void inspect(Optional<Path> source) {
        long mine = ++generation;
        inspected = Optional.of(source);
        WizardModel model = context.model();
        model.source().set(source);
        model.sourceInfo().set(null);
        info.set(null);
        error.set("");
        inspecting.set(true);
        progress.set(UNKNOWN_PROGRESS);
        progressText.set(Messages.get("image.checking.start"));
        context.background().run("inspect " + source.map(Path::toString).orElse("demo image"),
                () -> context.engine().inspect(source.map(Path::toString), event -> onEvent(mine, event)),
                answer -> {
                    if (mine == generation) {
                        inspecting.set(false);
                        progressText.set("");
                        // The model first: the page is complete (Next enabled) once info is set.
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

    /** Called on the engine's thread: hands verify progress to the UI thread, unless it is stale by then. */
    private void onEvent(long mine, EngineEvent event) {
        if (event instanceof EngineEvent.Progress p && "verify".equals(p.step()) && p.bytesTotal() > 0) {
            double fraction = Math.min(1, (double) p.bytesDone() / p.bytesTotal());
            String text = Messages.get("image.checking", human(p.bytesDone()), human(p.bytesTotal()));
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
            return;
        }
        name.set(answer.name().isEmpty() ? Messages.get("image.unknown") : answer.name());
        version.set(answer.version().isEmpty() ? Messages.get("image.unknown") : answer.version());
        size.set(Messages.get("image.size.value", human(answer.bytes()), human(answer.treeBytes())));
        digest.set(answer.digest());
    }

    static String human(long bytes) {
        return ByteSize.ofBytes(bytes).human();
    }
}
