package dev.cos.installer.app.wizard.summary;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.WarningNote;
import dev.cos.installer.app.wizard.PageView;
import java.util.Optional;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.VPos;

/**
 * The summary page: the plan in words and as facts, the exact commands, the warning, and the
 * acknowledgement that enables the frame's Install button. Focus starts on the frame's Cancel.
 */
public final class SummaryView implements PageView {

    // Digests and commands are read character by character: a fixed-width face until the theme sets one.

    private final VBox root = new VBox();

    public SummaryView(SummaryViewModel viewModel) {
        root.getStyleClass().addAll("page", "summary-page");
        root.setSpacing(12);
        Label title = new Label(Messages.get("summary.heading"));
        title.getStyleClass().add("page-title");

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("summary-loading");
        spinner.setPrefSize(24, 24);
        spinner.setAccessibleText(Messages.get("summary.loading.accessible"));
        Label loadingText = new Label(Messages.get("summary.loading"));
        HBox loading = new HBox(8, spinner, loadingText);
        loading.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        loading.getStyleClass().add("loading-row");
        loading.visibleProperty().bind(viewModel.loading());
        loading.managedProperty().bind(loading.visibleProperty());

        Label error = new Label();
        error.setId("summary-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.error());
        error.visibleProperty().bind(viewModel.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label words = new Label();
        words.setId("summary-words");
        words.getStyleClass().add("summary-words");
        words.setWrapText(true);
        words.textProperty().bind(viewModel.words());

        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        facts.setHgap(16);
        facts.setVgap(6);
        fact(facts, 0, "summary.target", label("summary-target", viewModel.target()));
        fact(facts, 1, "summary.firmware", label("summary-firmware", viewModel.firmware()));
        fact(facts, 2, "summary.partitions", label("summary-partitions", viewModel.partitions()));
        fact(facts, 3, "summary.images", label("summary-images", viewModel.images()));
        fact(facts, 4, "summary.source", label("summary-source", viewModel.source()));
        TextField digest = new TextField();
        digest.setId("summary-digest");
        digest.setEditable(false);
        digest.getStyleClass().addAll("value-text", "monospace");
        digest.setPrefColumnCount(44);
        digest.textProperty().bind(viewModel.digest());
        digest.setAccessibleHelp(Messages.get("summary.digest.help"));
        fact(facts, 5, "summary.digest", digest);
        Label signature = label("summary-signature", viewModel.signature());
        fact(facts, 6, "summary.signature", signature);
        facts.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == 6)
                .forEach(n -> {
                    n.visibleProperty().bind(viewModel.signature().isNotEmpty());
                    n.managedProperty().bind(n.visibleProperty());
                });

        TextArea commandText = new TextArea();
        commandText.setId("summary-commands");
        commandText.setEditable(false);
        commandText.setWrapText(false);
        commandText.setPrefRowCount(10);
        commandText.getStyleClass().add("monospace");
        commandText.textProperty().bind(viewModel.commands());
        commandText.setAccessibleText(Messages.get("summary.commands.help"));
        Button copy = new Button(Messages.get("summary.commands.copy"));
        copy.setId("summary-copy");
        copy.setMnemonicParsing(true);
        copy.setAccessibleHelp(Messages.get("summary.commands.copy.help"));
        copy.setTooltip(new Tooltip(Messages.get("summary.commands.copy.help")));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(viewModel.commands().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        VBox commandBox = new VBox(6, commandText, copy);
        commandBox.getStyleClass().add("commands-box");
        TitledPane commandPane = new TitledPane();
        commandPane.setId("summary-commands-pane");
        commandPane.textProperty().bind(viewModel.commandsTitle());
        commandPane.setContent(commandBox);
        commandPane.setExpanded(false);
        commandPane.setAccessibleHelp(Messages.get("summary.commands.help"));
        commandPane.setTooltip(new Tooltip(Messages.get("summary.commands.help")));

        Label warningTitle = new Label(Messages.get("summary.warning.title"));
        warningTitle.getStyleClass().add("warning-title");
        Label warningText = new Label();
        warningText.setId("summary-warning");
        warningText.setWrapText(true);
        warningText.textProperty().bind(viewModel.warning());
        CheckBox acknowledge = new CheckBox();
        acknowledge.setId("summary-acknowledge");
        acknowledge.setMnemonicParsing(true);
        acknowledge.setWrapText(true);
        acknowledge.textProperty().bind(viewModel.acknowledgeLabel());
        acknowledge.selectedProperty().bindBidirectional(viewModel.acknowledged());
        acknowledge.disableProperty().bind(viewModel.plan().isNull());
        acknowledge.setAccessibleHelp(Messages.get("summary.ack.help"));
        acknowledge.setTooltip(new Tooltip(Messages.get("summary.ack.help")));
        VBox warning = new VBox(6, warningTitle, warningText, acknowledge);
        warning.getStyleClass().add("warning-box");

        VBox unverified = WarningNote.of("summary-unverified", viewModel.unverified());

        VBox details = new VBox(16, unverified, words, facts, commandPane, warning);
        details.getStyleClass().add("summary-details");
        details.visibleProperty().bind(viewModel.plan().isNotNull());
        details.managedProperty().bind(details.visibleProperty());

        root.getChildren().addAll(title, loading, error, details);
    }

    private static Label label(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    private static void fact(GridPane grid, int row, String key, javafx.scene.control.Control value) {
        Label name = new Label(Messages.get(key));
        name.getStyleClass().add("fact-label");
        name.setLabelFor(value);
        value.setAccessibleText(Messages.get(key));
        GridPane.setHgrow(value, Priority.ALWAYS);
        GridPane.setValignment(name, VPos.TOP);
        name.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, name, value);
    }

    @Override
    public Node root() {
        return root;
    }

    /** Empty: the frame focuses its Cancel button on a page whose Next is destructive. */
    @Override
    public Optional<Node> initialFocus() {
        return Optional.empty();
    }
}
