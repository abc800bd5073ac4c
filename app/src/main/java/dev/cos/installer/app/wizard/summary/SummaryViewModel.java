package dev.cos.installer.app.wizard.summary;

import dev.cos.installer.app.Messages;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.ContainerImage;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.widgets.ContainerFacts;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * The summary and confirmation page: asks the engine for the plan of the collected answers, says in
 * words and as the exact command list what the install does, names what will be lost, and enables the
 * frame's Install button only once the person has ticked the acknowledgement. Every visit asks afresh:
 * the plan is reloaded and the tick cleared. UI thread only.
 */
public final class SummaryViewModel implements PageViewModel {

    /** What the install does to its target, as the plan names it. */
    public enum TargetKind { DISK, NEW_FILE, EXISTING_FILE, UNKNOWN }

    private final WizardContext context;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<InstallPlan> plan = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty acknowledged = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper nextLabel = new ReadOnlyStringWrapper(Messages.get("summary.next.pending"));
    private final ReadOnlyStringWrapper acknowledgeLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper firmware = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper digest = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unverified = new ReadOnlyStringWrapper("");
    /** A container image's signature status in words; empty for other sources. */
    private final ReadOnlyStringWrapper signature = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper words = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper commandsTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper commands = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper partitions = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper images = new ReadOnlyStringWrapper("");
    private final BooleanBinding complete;
    private long generation;

    public SummaryViewModel(WizardContext context) {
        this.context = context;
        complete = Bindings.createBooleanBinding(() -> plan.get() != null && !loading.get() && acknowledged.get(),
                plan, loading, acknowledged);
    }

    @Override
    public ObservableBooleanValue complete() {
        return complete;
    }

    /** "Erase /dev/sdb and _install", "Overwrite cos.img and _install" or "Create cos.img and _install". */
    @Override
    public ObservableStringValue nextLabel() {
        return nextLabel.getReadOnlyProperty();
    }

    @Override
    public boolean nextIsDestructive() {
        return true;
    }

    /** Clears the tick (a fresh yes per install, also after Retry) and asks the engine for the plan. */
    @Override
    public void onEnter() {
        long mine = ++generation;
        acknowledged.set(false);
        plan.set(null);
        context.model().plan().set(null);
        error.set("");
        loading.set(true);
        showTarget(Optional.empty());
        WizardModel model = context.model();
        if (model.target().get() == null) {
            loading.set(false);
            error.set(Messages.get("summary.error.unexpected", "no target chosen"));
            return;
        }
        context.background().run("plan", () -> {
            model.prepareImageDirectory();
            return context.engine().plan(model.toRequest());
        },
                answer -> {
                    if (mine == generation) {
                        loading.set(false);
                        model.plan().set(answer);
                        plan.set(answer);
                        showPlan(answer);
                    }
                },
                failure -> {
                    if (mine == generation) {
                        loading.set(false);
                        error.set(failure instanceof EngineException refused ? refused.getMessage()
                                : Messages.get("summary.error.unexpected", String.valueOf(failure.getMessage())));
                    }
                });
    }

    /** The person's "I understand": Install works only while it is ticked. */
    public BooleanProperty acknowledged() {
        return acknowledged;
    }

    public ReadOnlyBooleanProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** The engine's refusal of the plan (its message), or empty. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** The engine's plan; null while loading or refused. */
    public ReadOnlyObjectProperty<InstallPlan> plan() {
        return plan.getReadOnlyProperty();
    }

    /** The text of the acknowledgement check box, naming the disk or file. */
    public ReadOnlyStringProperty acknowledgeLabel() {
        return acknowledgeLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty target() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty firmware() {
        return firmware.getReadOnlyProperty();
    }

    /** The image's name and version (from its os-release) and its URI. */
    public ReadOnlyStringProperty source() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty digest() {
        return digest.getReadOnlyProperty();
    }

    /** "Signed by key sha256:..." or "Not checked ..." for a container image; empty for other sources. */
    public ReadOnlyStringProperty signature() {
        return signature.getReadOnlyProperty();
    }

    /** The warning that the image is unverified (an http(s) image with no digest, accepted on the image page), or empty. */
    public ReadOnlyStringProperty unverified() {
        return unverified.getReadOnlyProperty();
    }

    /** Everything the install does, in one paragraph. */
    public ReadOnlyStringProperty words() {
        return words.getReadOnlyProperty();
    }

    /** What will be lost, naming the disk and its partitions, or the file. */
    public ReadOnlyStringProperty warning() {
        return warning.getReadOnlyProperty();
    }

    /** "Exact commands (N)". */
    public ReadOnlyStringProperty commandsTitle() {
        return commandsTitle.getReadOnlyProperty();
    }

    /** The plan's operations, one per line, in order. */
    public ReadOnlyStringProperty commands() {
        return commands.getReadOnlyProperty();
    }

    /** The planned partitions, one per line. */
    public ReadOnlyStringProperty partitions() {
        return partitions.getReadOnlyProperty();
    }

    /** The images written, one per line. */
    public ReadOnlyStringProperty images() {
        return images.getReadOnlyProperty();
    }

    /** The target kind: from the plan once it is there, else from the chosen target. */
    TargetKind kind(Optional<InstallPlan> answer) {
        if (answer.isPresent()) {
            return switch (answer.get().targetKind()) {
                case "block_device" -> TargetKind.DISK;
                case "new_file" -> TargetKind.NEW_FILE;
                case "existing_file" -> TargetKind.EXISTING_FILE;
                default -> TargetKind.UNKNOWN;
            };
        }
        return context.model().target().get() instanceof TargetChoice.Disk ? TargetKind.DISK : TargetKind.UNKNOWN;
    }

    private void showTarget(Optional<InstallPlan> answer) {
        TargetChoice chosen = context.model().target().get();
        String path = answer.map(InstallPlan::target).orElse(chosen == null ? "" : chosen.path());
        String shortName = kind(answer) == TargetKind.DISK || path.isEmpty() ? path : Path.of(path).getFileName().toString();
        switch (kind(answer)) {
            case DISK -> {
                nextLabel.set(Messages.get("summary.next.erase", shortName));
                acknowledgeLabel.set(Messages.get("summary.ack.erase", path));
            }
            case EXISTING_FILE -> {
                nextLabel.set(Messages.get("summary.next.overwrite", shortName));
                acknowledgeLabel.set(Messages.get("summary.ack.overwrite", path));
            }
            case NEW_FILE -> {
                nextLabel.set(Messages.get("summary.next.create", shortName));
                acknowledgeLabel.set(Messages.get("summary.ack.create", path));
            }
            case UNKNOWN -> {
                nextLabel.set(Messages.get("summary.next.pending"));
                acknowledgeLabel.set(Messages.get("summary.ack.overwrite", path));
            }
        }
        if (answer.isEmpty()) {
            Stream.of(target, firmware, source, digest, signature, words, warning, commands, partitions, images).forEach(p -> p.set(""));
            commandsTitle.set(Messages.get("summary.commands", 0));
        }
    }

    private void showPlan(InstallPlan answer) {
        showTarget(Optional.of(answer));
        TargetKind kind = kind(Optional.of(answer));
        String size = ByteSize.ofBytes(answer.diskBytes()).human();
        target.set(Messages.get(switch (kind) {
            case NEW_FILE -> "summary.target.new-file";
            case EXISTING_FILE -> "summary.target.existing-file";
            default -> "summary.target.disk";
        }, answer.target(), size));
        firmware.set(firmwareWords(answer.firmware()));
        SourceInfo info = context.model().sourceInfo().get();
        String name = info == null || info.name().isEmpty() ? answer.source().uri() : info.name();
        // A container image: the reference with its pinned digest, and that digest (what the install uses).
        Optional<ContainerImage> image = Optional.ofNullable(answer.source().image());
        String uri = image.map(ContainerImage::reference).orElse(answer.source().uri());
        source.set(info == null || info.name().isEmpty() ? uri : info.name() + " \u2014 " + uri);
        digest.set(image.map(ContainerImage::digest).orElse(answer.source().digest()));
        signature.set(image.map(i -> ContainerFacts.of(i).signature()).orElse(""));
        unverified.set(info != null && info.unverified() ? Messages.get("summary.unverified", info.uri()) : "");
        words.set(words(answer, kind, name));
        warning.set(warning(answer, kind));
        commandsTitle.set(Messages.get("summary.commands", String.valueOf(answer.operations().size())));
        commands.set(answer.operations().stream()
                .map(op -> ("file".equals(op.kind()) ? "(file) " : "") + op.text())
                .collect(Collectors.joining("\n")));
        partitions.set(answer.partitions().stream()
                .map(p -> Messages.get("summary.partition.row", String.valueOf(p.number()), p.name(),
                        String.valueOf(p.sizeMiB()), Stream.of(p.fs(), p.label()).filter(Objects::nonNull)
                                .map(s -> ", " + s).collect(Collectors.joining())))
                .collect(Collectors.joining("\n")));
        images.set(answer.images().stream()
                .map(i -> Messages.get("summary.image.row", i.path(), i.fs() + (i.label() == null ? "" : " " + i.label()),
                        String.valueOf(i.sizeMiB())))
                .collect(Collectors.joining("\n")));
    }

    private static String firmwareWords(String cliName) {
        return switch (cliName) {
            case "efi", "bios", "hybrid" -> Messages.get("summary.firmware." + cliName);
            default -> cliName;
        };
    }

    static String words(InstallPlan answer, TargetKind kind, String imageName) {
        long systemMiB = answer.images().isEmpty() ? 0 : answer.images().get(0).sizeMiB();
        Optional<InstallPlan.Image> recovery = answer.images().stream().filter(i -> i.path().startsWith("COS_RECOVERY:")).findFirst();
        String key = switch (kind) {
            case NEW_FILE -> "summary.words.new-file";
            case EXISTING_FILE -> "summary.words.existing-file";
            default -> "summary.words.disk";
        };
        return Messages.get(key, String.valueOf(answer.partitions().size()), answer.target(), imageName,
                String.valueOf(systemMiB), recovery.map(InstallPlan.Image::fs).orElse("?"),
                String.valueOf(recovery.map(InstallPlan.Image::sizeMiB).orElse(0L)), firmwareWords(answer.firmware()));
    }

    private String warning(InstallPlan answer, TargetKind kind) {
        return switch (kind) {
            case NEW_FILE -> Messages.get("summary.warning.new-file", answer.target());
            case EXISTING_FILE -> Messages.get("summary.warning.existing-file", answer.target());
            default -> diskWarning(answer.target());
        };
    }

    private String diskWarning(String path) {
        Optional<DiskList.Disk> disk = disk(path);
        List<String> parts = new ArrayList<>();
        for (DiskList.Partition p : disk.map(DiskList.Disk::partitions).orElse(List.of())) {
            String what = Stream.of(p.fsLabel() != null && !p.fsLabel().isBlank() ? p.fsLabel() : p.gptName(), p.fsType(), p.size())
                    .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
            parts.add(Messages.get("summary.warning.disk.partition", p.path(), what));
        }
        String lost = parts.isEmpty() ? Messages.get("summary.warning.disk.empty")
                : Messages.get("summary.warning.disk.partitions", String.join(", ", parts));
        String text = Messages.get("summary.warning.disk", path, lost);
        return disk.map(DiskList.Disk::hasCosInstall).orElse(false) ? text + " " + Messages.get("summary.warning.disk.cos") : text;
    }

    /** The disk from the engine's list (what the person saw), else from the target choice. */
    private Optional<DiskList.Disk> disk(String path) {
        DiskList list = context.model().disks().get();
        Optional<DiskList.Disk> listed = list == null ? Optional.empty()
                : list.disks().stream().filter(d -> d.path().equals(path)).findFirst();
        if (listed.isPresent()) {
            return listed;
        }
        return context.model().target().get() instanceof TargetChoice.Disk chosen && chosen.path().equals(path)
                ? Optional.of(chosen.disk()) : Optional.empty();
    }
}
