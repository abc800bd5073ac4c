package dev.cos.installer.app.wizard.disk;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The disk page: every disk the engine lists (the ones that cannot be used with the engine's
 * reasons), and a disk image file, so anyone can try the installer without risking a disk. The image
 * file is chosen by default when no disk can be installed on. Sets {@link WizardModel#target()} to the
 * valid choice, or null while there is none. UI thread only.
 */
public final class DiskViewModel implements PageViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiskViewModel.class);

    /** The image file size offered first. */
    public static final long DEFAULT_IMAGE_BYTES = 8 * ByteSize.GIB;
    /** The engine's default minimum (disks --min-size), until the disk list says otherwise. */
    static final long FALLBACK_MINIMUM_BYTES = 4 * ByteSize.GIB;

    /** What one disk card shows: the disk and its texts, prepared for the view. */
    public record Card(DiskList.Disk disk, String title, String details, String badge, List<String> partitions,
            Optional<String> cosWarning, List<String> reasons) {

        public boolean usable() {
            return disk.installable();
        }
    }

    private final WizardContext context;
    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<Card> cardsReadOnly = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyObjectWrapper<DiskList.Disk> selectedDisk = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper imageFileSelected = new ReadOnlyBooleanWrapper(false);
    private final StringProperty imagePath = new SimpleStringProperty();
    private final StringProperty imageSize = new SimpleStringProperty(sizeText(DEFAULT_IMAGE_BYTES));
    private final ReadOnlyStringWrapper imageProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper imageNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper minimumText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));
    private final BooleanBinding complete;
    private long minimumBytes = FALLBACK_MINIMUM_BYTES;

    public DiskViewModel(WizardContext context) {
        this.context = Objects.requireNonNull(context, "context");
        WizardModel model = context.model();
        imagePath.set(model.defaultImageFile().toString());
        if (model.target().get() instanceof TargetChoice.ImageFile file) {
            imagePath.set(file.path());
            imageSize.set(sizeText(file.sizeBytes()));
            imageFileSelected.set(true);
        }
        imagePath.addListener((obs, old, now) -> update());
        imageSize.addListener((obs, old, now) -> update());
        complete = Bindings.createBooleanBinding(() -> model.target().get() != null, model.target());
        minimumText.set(Messages.get("disk.minimum", ByteSize.ofBytes(minimumBytes).human()));
    }

    public ObservableList<Card> cards() {
        return cardsReadOnly;
    }

    /** The chosen disk; null when none is (the image file may be). */
    public ReadOnlyObjectProperty<DiskList.Disk> selectedDisk() {
        return selectedDisk.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty imageFileSelected() {
        return imageFileSelected.getReadOnlyProperty();
    }

    /** The image file's path as typed. */
    /** "Browse...": where the image file goes, chosen in a save dialog that starts at the path typed so far. */
    public void browseImageFile() {
        String text = imagePath.get();
        Optional<Path> current;
        try {
            current = Optional.of(Path.of(text == null || text.isBlank() ? "cos.img" : text.strip()).toAbsolutePath());
        } catch (java.nio.file.InvalidPathException e) {
            current = Optional.empty();  // a path that cannot be parsed: start where the chooser likes
        }
        context.dialogs().chooseFileToSave(Messages.get("disk.image.browse.title"), current.map(Path::getParent),
                current.map(p -> p.getFileName().toString()).orElse("cos.img"), List.of()).ifPresent(chosen -> {
                    imagePath.set(chosen.toAbsolutePath().toString());
                    selectImageFile();
                });
    }

    public StringProperty imagePath() {
        return imagePath;
    }

    /** The image file's size as typed: "8G", "8192M"; a bare number is GiB. */
    public StringProperty imageSize() {
        return imageSize;
    }

    /** Why the image file choice cannot be used, naming the fix; empty when it can. */
    public ReadOnlyStringProperty imageProblem() {
        return imageProblem.getReadOnlyProperty();
    }

    /** A remark that does not block (the file exists and is replaced); empty when none. */
    public ReadOnlyStringProperty imageNote() {
        return imageNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** Why the disks could not be listed; empty when they were. */
    public ReadOnlyStringProperty loadError() {
        return loadError.getReadOnlyProperty();
    }

    /** "An install needs at least 4.0 GiB." */
    public ReadOnlyStringProperty minimumText() {
        return minimumText.getReadOnlyProperty();
    }

    @Override
    public ObservableBooleanValue complete() {
        return complete;
    }

    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    /** Shows the disks the welcome page listed, or lists them now. */
    @Override
    public void onEnter() {
        DiskList known = context.model().disks().get();
        if (known != null) {
            show(known);
        } else {
            refresh();
        }
    }

    /** Lists the disks again (the Refresh button): after plugging in a USB stick, say. */
    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        loadError.set("");
        context.background().run("list disks", () -> context.engine().disks(), list -> {
            loading.set(false);
            context.model().disks().set(list);
            show(list);
        }, failure -> {
            loading.set(false);
            loadError.set(Messages.get("disk.load-failed", String.valueOf(failure.getMessage())));
            show(context.model().disks().get() == null ? new DiskList(minimumBytes, List.of()) : context.model().disks().get());
        });
    }

    /** Chooses a disk; a disk that cannot be installed on is not chosen (its card says why). */
    public void selectDisk(DiskList.Disk disk) {
        if (!disk.installable()) {
            return;
        }
        selectedDisk.set(disk);
        imageFileSelected.set(false);
        update();
    }

    public void selectImageFile() {
        selectedDisk.set(null);
        imageFileSelected.set(true);
        update();
    }

    private void show(DiskList list) {
        LOG.info("wizard: disks {}", list.disks().stream()
                .map(d -> d.name() + (d.installable() ? "" : " (not installable)")).toList());
        minimumBytes = list.minimumSizeBytes() > 0 ? list.minimumSizeBytes() : FALLBACK_MINIMUM_BYTES;
        minimumText.set(Messages.get("disk.minimum", ByteSize.ofBytes(minimumBytes).human()));
        List<Card> built = new ArrayList<>();
        list.disks().forEach(d -> built.add(card(d)));
        cards.setAll(built);
        // Keep the choice across a refresh while its disk is still there and usable.
        String chosen = selectedDisk.get() != null ? selectedDisk.get().path()
                : context.model().target().get() instanceof TargetChoice.Disk d ? d.path() : null;
        selectedDisk.set(list.disks().stream().filter(d -> d.path().equals(chosen) && d.installable()).findFirst().orElse(null));
        if (selectedDisk.get() == null && !imageFileSelected.get() && list.disks().stream().noneMatch(DiskList.Disk::installable)) {
            imageFileSelected.set(true);
        }
        update();
    }

    /** Recomputes the image file's validity and the model's target. */
    private void update() {
        ImageFileCheck.Result image = ImageFileCheck.check(imagePath.get(), imageSize.get(), minimumBytes);
        if (image instanceof ImageFileCheck.Result.Problem problem) {
            imageProblem.set(problem.message());
            imageNote.set("");
        } else {
            imageProblem.set("");
            ImageFileCheck.Valid valid = ((ImageFileCheck.Result.Ok) image).valid();
            imageNote.set(valid.exists() ? Messages.get("disk.image.note.exists", valid.file(), ByteSize.ofBytes(valid.sizeBytes()).human()) : "");
        }
        TargetChoice target = null;
        if (selectedDisk.get() != null) {
            target = new TargetChoice.Disk(selectedDisk.get());
        } else if (imageFileSelected.get() && image instanceof ImageFileCheck.Result.Ok ok) {
            target = new TargetChoice.ImageFile(ok.valid().file(), ok.valid().sizeBytes(), ok.valid().exists());
        }
        if (!Objects.equals(context.model().target().get(), target)) {
            context.model().target().set(target);
        }
    }

    /** The texts of one disk's card. Pure. */
    static Card card(DiskList.Disk disk) {
        String title = disk.model().isBlank() ? Messages.get("disk.card.unnamed", disk.name()) : disk.model().strip();
        List<String> facts = new ArrayList<>(List.of(disk.path(), disk.size()));
        if (!disk.transport().isBlank()) {
            facts.add(disk.transport().toUpperCase(java.util.Locale.ROOT));
        }
        if (disk.removable()) {
            facts.add(Messages.get("disk.card.removable"));
        }
        List<String> partitions = disk.partitions().stream().map(DiskViewModel::partitionLine).toList();
        Optional<String> cos = disk.hasCosInstall() ? Optional.of(Messages.get("disk.card.cos-installed")) : Optional.empty();
        List<String> reasons = disk.reasons().stream().map(DiskList.Reason::message).toList();
        return new Card(disk, title, String.join(" · ", facts), badge(disk), partitions.isEmpty()
                ? List.of(Messages.get("disk.card.no-partitions")) : partitions, cos, reasons);
    }

    /** The type badge: USB, NVME, SATA, LOOP, DISK... */
    static String badge(DiskList.Disk disk) {
        if ("loop".equals(disk.type())) {
            return "LOOP";
        }
        return disk.transport().isBlank() ? "DISK" : disk.transport().toUpperCase(java.util.Locale.ROOT);
    }

    /** "3  oem  ext4  COS_OEM  64 MiB  (mounted at /mnt)". */
    static String partitionLine(DiskList.Partition p) {
        List<String> parts = new ArrayList<>();
        parts.add(String.valueOf(p.number()));
        for (String text : new String[] {p.gptName(), p.fsType(), p.fsLabel()}) {
            if (text != null && !text.isBlank()) {
                parts.add(text);
            }
        }
        parts.add(p.size());
        String line = String.join("  ", parts);
        return p.mountpoints().isEmpty() ? line : line + "  " + Messages.get("disk.card.mounted-at", String.join(", ", p.mountpoints()));
    }

    /** "8G" for whole GiB, else "8192M". */
    static String sizeText(long bytes) {
        return bytes % ByteSize.GIB == 0 ? (bytes / ByteSize.GIB) + "G" : (bytes / ByteSize.MIB) + "M";
    }
}
