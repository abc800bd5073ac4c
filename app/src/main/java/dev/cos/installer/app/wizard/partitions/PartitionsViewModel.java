package dev.cos.installer.app.wizard.partitions;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.host.HostFacts;
import dev.cos.installer.app.widgets.PartitionBar.Segment;
import dev.cos.installer.app.wizard.PageViewModel;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.WizardModel.FirmwareChoice;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.PartitionPlan;
import dev.cos.installer.layout.PlannedPartition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The partition preview: the target before and after, the planned partitions, sizes for OEM, RECOVERY
 * and STATE (PERSISTENT takes the rest) checked live by the engine's own planner, and the firmware.
 * Writes {@link WizardModel#partSizesMiB()} (sizes typed and valid) and {@link WizardModel#firmware()}.
 * UI thread only.
 */
public final class PartitionsViewModel implements PageViewModel {

    /**
     * The bundled demo image's tree size: what the images are sized for until the image page has
     * inspected another source (captured from {@code plan --json}'s source.treeBytes).
     */
    public static final long DEMO_TREE_BYTES = 13_844_328L;

    /** One row of the partition table. */
    public record Row(int number, String name, String label, String filesystem, long sizeMiB, String size) {}

    private final WizardContext context;
    private final HostFacts.Reader host;
    private final LayoutCheck check = new LayoutCheck();
    private final Map<PartitionRole, StringProperty> sizeTexts = new EnumMap<>(PartitionRole.class);
    private final Map<PartitionRole, ReadOnlyStringWrapper> defaultTexts = new EnumMap<>(PartitionRole.class);
    private final ObservableList<Segment> before = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<Segment> beforeReadOnly = FXCollections.unmodifiableObservableList(before);
    private final ObservableList<Segment> after = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<Segment> afterReadOnly = FXCollections.unmodifiableObservableList(after);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<Row> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    /** One read-only view, kept: a view made per call would drop its listeners when collected (weak). */
    private final ObservableList<String> problemsReadOnly = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyStringWrapper targetText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper minimumText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper capacityText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("button.next"));
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(false);
    private Optional<PartitionPlan> plan = Optional.empty();
    /** The target the firmware default was chosen for: a new target gets a new default. */
    private String firmwareChosenFor = "";

    public PartitionsViewModel(WizardContext context) {
        this(context, HostFacts.Reader.system());
    }

    /** @param host the detected firmware for a disk target (tests give a fixed answer) */
    public PartitionsViewModel(WizardContext context, HostFacts.Reader host) {
        this.context = Objects.requireNonNull(context, "context");
        this.host = Objects.requireNonNull(host, "host");
        WizardModel model = context.model();
        for (PartitionRole role : LayoutCheck.SIZABLE) {
            Long set = model.partSizesMiB().get(role.gptName());
            StringProperty text = new SimpleStringProperty(set == null ? "" : String.valueOf(set));
            text.addListener((obs, old, now) -> recompute());
            sizeTexts.put(role, text);
            defaultTexts.put(role, new ReadOnlyStringWrapper(""));
        }
        model.firmware().addListener((obs, old, now) -> recompute());
    }

    /** The size field of OEM, RECOVERY or STATE as typed, in MiB; empty = the default. */
    public StringProperty sizeText(PartitionRole role) {
        StringProperty text = sizeTexts.get(role);
        if (text == null) {
            throw new IllegalArgumentException(role.gptName() + " cannot be sized here: only oem, recovery and state");
        }
        return text;
    }

    /** What the field's partition gets when it is empty ("64"), for the field's prompt. */
    public ReadOnlyStringProperty defaultText(PartitionRole role) {
        return defaultTexts.get(role).getReadOnlyProperty();
    }

    /** The firmware to install for (the model's answer). */
    public ObjectProperty<FirmwareChoice> firmware() {
        return context.model().firmware();
    }

    /** The target as it is now: existing partitions, and free space (a new image file is all free). */
    public ObservableList<Segment> before() {
        return beforeReadOnly;
    }

    /** The target after the install; empty while the sizes have a problem. */
    public ObservableList<Segment> after() {
        return afterReadOnly;
    }

    public ObservableList<Row> rows() {
        return rowsReadOnly;
    }

    /** What to fix before Next: each names the problem and the fix. */
    public ObservableList<String> problems() {
        return problemsReadOnly;
    }

    /** "/dev/sdb (Samsung SSD, 256.0 GiB)". */
    public ReadOnlyStringProperty targetText() {
        return targetText.getReadOnlyProperty();
    }

    /** "This layout needs a disk of at least 1.3 GiB (1260 MiB)." */
    public ReadOnlyStringProperty minimumText() {
        return minimumText.getReadOnlyProperty();
    }

    /** "COS_STATE holds active + passive + one upgrade of up to 405 MiB." */
    public ReadOnlyStringProperty capacityText() {
        return capacityText.getReadOnlyProperty();
    }

    /** The planner's layout for the current answers, when it accepts them. */
    public Optional<PartitionPlan> plan() {
        return plan;
    }

    @Override
    public ObservableBooleanValue complete() {
        return complete.getReadOnlyProperty();
    }

    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    /** Picks the firmware default for a new target (image file: both; disk: the detected one) and replans. */
    @Override
    public void onEnter() {
        TargetChoice target = context.model().target().get();
        if (target != null && !target.path().equals(firmwareChosenFor)) {
            firmwareChosenFor = target.path();
            if (target instanceof TargetChoice.ImageFile) {
                firmware().set(FirmwareChoice.HYBRID);
            } else {
                context.background().run("detect firmware", host::read, facts -> {
                    if (target.equals(context.model().target().get())) {
                        firmware().set(facts.firmware() == Firmware.EFI ? FirmwareChoice.EFI : FirmwareChoice.BIOS);
                    }
                }, failure -> { });
            }
        }
        recompute();
    }

    /** The tree the images are sized for: the inspected source, else the demo image. */
    long treeBytes() {
        SourceInfo info = context.model().sourceInfo().get();
        return info != null && info.treeBytes() > 0 ? info.treeBytes() : DEMO_TREE_BYTES;
    }

    private void recompute() {
        TargetChoice target = context.model().target().get();
        if (target == null) {
            targetText.set("");
            before.clear();
            after.clear();
            rows.clear();
            problems.setAll(Messages.get("partitions.problem.no-target"));
            complete.set(false);
            return;
        }
        targetText.set(target.displayName());
        before.setAll(beforeSegments(target));
        Map<PartitionRole, String> typed = new EnumMap<>(PartitionRole.class);
        sizeTexts.forEach((role, text) -> typed.put(role, text.get() == null ? "" : text.get()));
        Firmware firmware = Firmware.valueOf(firmware().get().name());
        String targetName = Messages.get(target instanceof TargetChoice.ImageFile ? "partitions.target.image" : "partitions.target.disk");
        LayoutCheck.Outcome outcome = check.check(target.sizeBytes(), firmware, treeBytes(), typed, targetName);

        outcome.defaultsMiB().forEach((role, mib) -> defaultTexts.get(role).set(String.valueOf(mib)));
        for (PartitionRole role : LayoutCheck.SIZABLE) {
            Long mib = outcome.requestedMiB().get(role);
            if (mib == null) {
                context.model().partSizesMiB().remove(role.gptName());
            } else {
                context.model().partSizesMiB().put(role.gptName(), mib);
            }
        }
        plan = outcome.plan();
        problems.setAll(outcome.problems());
        minimumText.set(outcome.minimumDiskBytes().map(bytes -> Messages.get("partitions.minimum",
                ByteSize.ofBytes(bytes).human(), bytes / ByteSize.MIB)).orElse(""));
        capacityText.set(plan.map(p -> Messages.get("partitions.capacity", p.upgradeCapacity().mib(),
                p.images().systemImage().mib())).orElse(""));
        after.setAll(plan.map(PartitionsViewModel::afterSegments).orElse(List.of()));
        rows.setAll(plan.map(PartitionsViewModel::rowsOf).orElse(List.of()));
        complete.set(plan.isPresent());
    }

    /** Existing partitions in disk order, then the space no partition uses. Pure. */
    static List<Segment> beforeSegments(TargetChoice target) {
        List<Segment> segments = new ArrayList<>();
        long used = 0;
        if (target instanceof TargetChoice.Disk disk) {
            for (DiskList.Partition p : disk.disk().partitions()) {
                String role = roleNamed(p.gptName()).map(PartitionRole::gptName)
                        .orElse("other");
                String label = firstNonBlank(p.fsLabel(), p.gptName()).orElse(Messages.get("partitions.segment.partition", p.number()));
                String detail = String.join(" · ", nonBlank(p.path(), p.gptName(), p.fsType(),
                        p.mountpoints().isEmpty() ? "" : Messages.get("disk.card.mounted-at", String.join(", ", p.mountpoints()))));
                segments.add(new Segment(role, label, p.sizeBytes(), detail));
                used += p.sizeBytes();
            }
        }
        long free = target.sizeBytes() - used;
        // The GPT's own 2 MiB (head and backup tail) is not room for anything.
        if (free > 2 * ByteSize.MIB || segments.isEmpty()) {
            segments.add(new Segment("free", Messages.get(target instanceof TargetChoice.ImageFile
                    ? "partitions.segment.new-file" : "partitions.segment.free"), Math.max(0, free), ""));
        }
        return segments;
    }

    /** The planned partitions as bar segments. Pure. */
    static List<Segment> afterSegments(PartitionPlan plan) {
        return plan.partitions().stream().map(p -> new Segment(p.role().gptName(), p.label().orElse(p.gptName()),
                p.sizeMiB() * ByteSize.MIB, String.join(" · ", nonBlank(Messages.get("partitions.segment.number", p.number()),
                        p.gptName(), p.filesystem().orElse(""))))).toList();
    }

    static List<Row> rowsOf(PartitionPlan plan) {
        List<Row> out = new ArrayList<>();
        for (PlannedPartition p : plan.partitions()) {
            out.add(new Row(p.number(), p.gptName(), p.label().orElse("—"), p.filesystem().orElse("—"), p.sizeMiB(),
                    p.size().human()));
        }
        return out;
    }

    private static Optional<PartitionRole> roleNamed(String gptName) {
        for (PartitionRole role : PartitionRole.values()) {
            if (role.gptName().equals(gptName)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstNonBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    private static List<String> nonBlank(String... texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                out.add(text);
            }
        }
        return out;
    }
}
