package dev.cos.installer.app.wizard.image;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.WarningNote;
import dev.cos.installer.app.wizard.PageView;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import dev.cos.installer.app.widgets.ContainerFacts;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The image page: demo or another image, the inspection's progress, then name, version, size and digest. */
public final class ImageView implements PageView {

    private final ImageViewModel viewModel;
    private final VBox root = new VBox();
    private final RadioButton demo = new RadioButton(Messages.get("image.demo"));
    private final RadioButton other = new RadioButton(Messages.get("image.other"));
    private final RadioButton registry = new RadioButton(Messages.get("image.registry"));
    private final TextField path = new TextField();

    public ImageView(ImageViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().addAll("page", "image-page");
        root.setSpacing(10);

        Label title = new Label(Messages.get("image.heading"));
        title.getStyleClass().add("page-title");
        Label intro = new Label(Messages.get("image.intro"));
        intro.getStyleClass().add("page-intro");
        intro.setWrapText(true);

        ToggleGroup group = new ToggleGroup();
        demo.setToggleGroup(group);
        other.setToggleGroup(group);
        registry.setToggleGroup(group);
        demo.setId("image-demo");
        other.setId("image-other");
        registry.setId("image-registry");
        demo.setMnemonicParsing(true);
        other.setMnemonicParsing(true);
        registry.setMnemonicParsing(true);
        help(demo, "image.demo.help");
        help(other, "image.other.help");
        help(registry, "image.registry.help");
        select(viewModel.choice().get());
        viewModel.choice().addListener((obs, old, now) -> select(now));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.choice().set(now == demo ? ImageViewModel.Choice.DEMO
                        : now == other ? ImageViewModel.Choice.OTHER : ImageViewModel.Choice.REGISTRY);
            }
        });

        path.setId("image-path");
        path.setPromptText(Messages.get("image.path.prompt"));
        path.setAccessibleText(Messages.get("image.path.accessible"));
        help(path, "image.path.help");
        path.setOnAction(e -> viewModel.chooseOther(path.getText()));
        path.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !path.getText().strip().equals(viewModel.otherSource().get().orElse(""))) {
                viewModel.chooseOther(path.getText());
            }
        });
        viewModel.otherSource().addListener((obs, old, now) -> path.setText(now.orElse("")));
        Button file = button("image.choose-file", "image-choose-file", viewModel::chooseFile);
        Button folder = button("image.choose-folder", "image-choose-folder", viewModel::chooseFolder);
        HBox.setHgrow(path, Priority.ALWAYS);
        HBox pathRow = new HBox(8, path, file, folder);
        pathRow.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));
        pathRow.getStyleClass().add("image-path-row");
        // Each choice's own field shows under it once chosen: the page then fits a 600-pixel-high screen.
        pathRow.visibleProperty().bind(other.selectedProperty());
        pathRow.managedProperty().bind(pathRow.visibleProperty());

        Node referenceRow = referenceRow();

        CheckBox allowUnverified = new CheckBox(Messages.get("image.allow-unverified"));
        allowUnverified.setId("image-allow-unverified");
        allowUnverified.setMnemonicParsing(true);
        allowUnverified.setWrapText(true);
        help(allowUnverified, "image.allow-unverified.help");
        allowUnverified.selectedProperty().bindBidirectional(viewModel.allowUnverified());
        allowUnverified.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));
        allowUnverified.visibleProperty().bind(other.selectedProperty().and(viewModel.remote()));
        allowUnverified.managedProperty().bind(allowUnverified.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("image-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.progress());
        bar.visibleProperty().bind(viewModel.inspecting());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setAccessibleText(Messages.get("image.progress.accessible"));
        Label progressText = new Label();
        progressText.setId("image-progress-text");
        progressText.textProperty().bind(viewModel.progressText());
        progressText.getStyleClass().add("secondary-text");
        progressText.visibleProperty().bind(viewModel.progressText().isNotEmpty());
        progressText.managedProperty().bind(progressText.visibleProperty());
        bar.accessibleHelpProperty().bind(viewModel.progressText());

        Label error = new Label();
        error.setId("image-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.error());
        error.visibleProperty().bind(viewModel.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox unverified = WarningNote.of("image-unverified", viewModel.unverified());

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(16);
        facts.setVgap(6);
        facts.setId("image-facts");
        row(facts, 0, "image.name", value("image-name", viewModel.name(), false));
        row(facts, 1, "image.version", value("image-version", viewModel.version(), false));
        row(facts, 2, "image.size", value("image-size", viewModel.size(), false));
        javafx.beans.binding.BooleanBinding isContainer = viewModel.container().isNotNull();
        shownWhen(isContainer.not(), row(facts, 3, "image.digest", value("image-digest", viewModel.digest(), true)));
        containerRows(facts, 4, isContainer);
        facts.visibleProperty().bind(viewModel.info().isNotNull());
        facts.managedProperty().bind(facts.visibleProperty());

        root.getChildren().addAll(title, intro, demo, other, pathRow, allowUnverified, registry, referenceRow, bar,
                progressText, error, unverified, facts);
    }

    /** The reference field (the config's container sources as suggestions) and "Check". */
    private Node referenceRow() {
        ComboBox<String> field = new ComboBox<>(viewModel.suggestions());
        field.setId("image-reference");
        field.setEditable(true);
        field.setMaxWidth(Double.MAX_VALUE);
        field.setPromptText(Messages.get("image.registry.prompt"));
        field.setAccessibleText(Messages.get("image.registry.accessible"));
        help(field, "image.registry.field.help");
        field.getEditor().setText(viewModel.reference().get());
        field.getEditor().textProperty().bindBidirectional(viewModel.reference());
        // On the combo box: it has the focus and hands typed keys to its editor.
        field.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                viewModel.checkReference();
                e.consume();
            }
        });
        Button check = button("image.registry.check", "image-check", viewModel::checkReference);
        HBox.setHgrow(field, Priority.ALWAYS);
        HBox row = new HBox(8, field, check);
        row.setPadding(new javafx.geometry.Insets(0, 0, 0, 24));
        row.visibleProperty().bind(registry.selectedProperty());
        row.managedProperty().bind(row.visibleProperty());
        check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return row;
    }

    /** Reference, pinned digest (short, the full one in its help and copied by the button), created, labels, signature. */
    private void containerRows(GridPane facts, int first, javafx.beans.value.ObservableBooleanValue shown) {
        javafx.beans.value.ObservableStringValue reference = text(ContainerFacts::reference);
        javafx.beans.value.ObservableStringValue shortDigest = text(ContainerFacts::shortDigest);
        javafx.beans.value.ObservableStringValue fullDigest = text(ContainerFacts::digest);
        shownWhen(shown, row(facts, first, "image.reference", value("image-reference-value", reference, false)));
        TextField pinned = value("image-pinned", shortDigest, true);
        pinned.setPrefColumnCount(22);
        pinned.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip full = new Tooltip();
        full.textProperty().bind(fullDigest);
        pinned.setTooltip(full);
        pinned.accessibleHelpProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("image.pinned.help", fullDigest.get()), fullDigest));
        Button copy = new Button(Messages.get("image.pinned.copy"));
        copy.setId("image-pinned-copy");
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        help(copy, "image.pinned.copy.help");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(fullDigest.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox pinnedRow = new HBox(8, pinned, copy);
        Label pinnedLabel = new Label(Messages.get("image.pinned"));
        pinnedLabel.getStyleClass().add("fact-label");
        pinnedLabel.setLabelFor(pinned);
        pinnedLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        pinned.setAccessibleText(Messages.get("image.pinned"));
        facts.addRow(first + 1, pinnedLabel, pinnedRow);
        shownWhen(shown, pinnedLabel, pinnedRow);
        shownWhen(shown, row(facts, first + 2, "image.created", value("image-created", text(ContainerFacts::created), false)));
        Label labels = new Label();
        labels.setId("image-labels");
        labels.setWrapText(true);
        labels.textProperty().bind(text(ContainerFacts::labelLines));
        shownWhen(shown, textRow(facts, first + 3, "image.labels", labels));
        Label signature = new Label();
        signature.setId("image-signature");
        signature.setWrapText(true);
        signature.textProperty().bind(text(ContainerFacts::signature));
        shownWhen(shown, textRow(facts, first + 4, "image.signature", signature));
    }

    private javafx.beans.value.ObservableStringValue text(java.util.function.Function<ContainerFacts, String> part) {
        return Bindings.createStringBinding(() -> viewModel.container().get() == null ? ""
                : part.apply(viewModel.container().get()), viewModel.container());
    }

    private static Node[] textRow(GridPane grid, int index, String key, Label value) {
        Label label = new Label(Messages.get(key));
        label.getStyleClass().add("fact-label");
        label.setLabelFor(value);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        value.setAccessibleText(Messages.get(key));
        grid.addRow(index, label, value);
        return new Node[] {label, value};
    }

    /** A fact row that shows only for some sources (takes no room otherwise). */
    private static void shownWhen(javafx.beans.value.ObservableBooleanValue shown, Node... nodes) {
        for (Node node : nodes) {
            node.visibleProperty().bind(Bindings.createBooleanBinding(shown::get, shown));
            node.managedProperty().bind(node.visibleProperty());
        }
    }

    private void select(ImageViewModel.Choice choice) {
        (switch (choice) {
            case DEMO -> demo;
            case OTHER -> other;
            case REGISTRY -> registry;
        }).setSelected(true);
    }

    /** A button with a mnemonic, its text {@code key}, its help {@code key.help}. */
    private static Button button(String key, String id, Runnable action) {
        Button button = new Button(Messages.get(key));
        button.setId(id);
        button.setMnemonicParsing(true);
        help(button, key + ".help");
        button.setOnAction(e -> action.run());
        return button;
    }

    private static void help(javafx.scene.control.Control control, String key) {
        control.setAccessibleHelp(Messages.get(key));
        control.setTooltip(new Tooltip(Messages.get(key)));
    }

    /** A read-only text field: selectable and copyable, unlike a label. */
    private static TextField value(String id, javafx.beans.value.ObservableStringValue text, boolean monospace) {
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.getStyleClass().add("value-text");
        if (monospace) {
            field.getStyleClass().add("monospace");
            field.setPrefColumnCount(44);
        }
        field.textProperty().bind(text);
        field.setAccessibleHelp(Messages.get("image.value.help"));
        return field;
    }

    private static Node[] row(GridPane grid, int index, String key, TextField value) {
        Label label = new Label(Messages.get(key));
        label.getStyleClass().add("fact-label");
        label.setLabelFor(value);
        value.setAccessibleText(Messages.get(key));
        GridPane.setHgrow(value, Priority.ALWAYS);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.addRow(index, label, value);
        return new Node[] {label, value};
    }


    @Override
    public Node root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(demo.isSelected() ? demo : other.isSelected() ? other : registry);
    }
}
