package dev.cos.installer.app.widgets;

import dev.cos.installer.app.Messages;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * How every face shows a failed job (Calamares writes its failure view once): the message for a
 * person, "Technical details" (folded), the job's log (folded), and Save log... and Retry. Hidden
 * while there is no failure. Ids, for tests and accessibility tools: {@code id}, {@code id-message},
 * {@code id-details}, {@code id-log}, {@code id-save-log}, {@code id-retry}. The two buttons' texts come
 * from the face ({@code keys.retry}, {@code keys.save-log} and their {@code .help}): each face has its
 * own mnemonics to keep unique, and its own words for what Retry does.
 */
public final class FailurePanel {

    /** What the panel shows: {@code details} and {@code log} may be empty (then their parts are hidden). */
    public record Failure(String message, String details, List<String> log) {
        public Failure {
            log = List.copyOf(log);
        }
    }

    private final VBox root = new VBox(8);
    private final Label message = new Label();
    private final TextArea detailsText = new TextArea();
    private final TitledPane details;
    private final ListView<String> logList = new ListView<>();
    private final TitledPane log;
    private final Button saveLog;
    private final Button retry;

    /**
     * @param onSaveLog asks where and saves the log (the face's own bundle)
     * @param onRetry starts the same job again, with a fresh confirmation
     */
    public FailurePanel(String id, String keys, Runnable onSaveLog, Runnable onRetry) {
        saveLog = new Button(Messages.get(keys + ".save-log"));
        retry = new Button(Messages.get(keys + ".retry"));
        root.setId(id);
        root.getStyleClass().add("failure-panel");
        message.setId(id + "-message");
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        detailsText.setEditable(false);
        detailsText.setWrapText(true);
        detailsText.setPrefRowCount(6);
        detailsText.getStyleClass().add("log-area");
        detailsText.setAccessibleText(Messages.get("failure.details"));
        details = folded(id + "-details", Messages.get("failure.details"), detailsText);
        logList.getStyleClass().add("log-area");
        logList.setPrefHeight(200);
        logList.setAccessibleText(Messages.get("failure.log"));
        log = folded(id + "-log", Messages.get("failure.log"), logList);
        saveLog.setId(id + "-save-log");
        saveLog.setMnemonicParsing(true);
        saveLog.setAccessibleHelp(Messages.get(keys + ".save-log.help"));
        saveLog.setOnAction(e -> onSaveLog.run());
        retry.setId(id + "-retry");
        retry.setMnemonicParsing(true);
        retry.setAccessibleHelp(Messages.get(keys + ".retry.help"));
        retry.setOnAction(e -> onRetry.run());
        HBox buttons = new HBox(8, retry, saveLog);
        buttons.getStyleClass().add("button-row");
        root.getChildren().addAll(message, details, log, buttons);
        show(Optional.empty());
    }

    private static TitledPane folded(String id, String title, javafx.scene.Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setId(id);
        pane.setExpanded(false);
        pane.setAnimated(false);
        return pane;
    }

    /** Shows {@code failure}, or hides the panel when empty. */
    public void show(Optional<Failure> failure) {
        root.setVisible(failure.isPresent());
        root.setManaged(failure.isPresent());
        message.setText(failure.map(Failure::message).orElse(""));
        root.setAccessibleText(message.getText());
        String technical = failure.map(Failure::details).orElse("");
        detailsText.setText(technical);
        showWhen(details, !technical.isBlank());
        List<String> lines = failure.map(Failure::log).orElse(List.of());
        logList.setItems(FXCollections.observableArrayList(lines));
        showWhen(log, !lines.isEmpty());
        // Hidden with the panel, so a hidden panel's mnemonics never answer.
        showWhen(retry, failure.isPresent());
        showWhen(saveLog, failure.isPresent());
    }

    private static void showWhen(javafx.scene.Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    public VBox root() {
        return root;
    }

    /** The button to focus first when the panel appears. */
    public Button retryButton() {
        return retry;
    }
}
