package dev.cos.installer.app.wizard.done;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.FailurePanel;
import dev.cos.installer.app.wizard.PageView;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Success or failure, and what to do next. */
public final class DoneView implements PageView {

    private final VBox root = new VBox();
    private final Button reboot = button("done.reboot", "reboot");
    private final Button powerOff = button("done.power-off", "power-off");
    private final Button saveLog = button("done.save-log", "save-log");
    private final Button quit = button("done.quit", "quit");
    private final DoneViewModel viewModel;
    private FailurePanel failurePanel;

    public DoneView(DoneViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().addAll("page", "done-page");
        Label title = new Label();
        title.setId("done-title");
        title.getStyleClass().add("page-title");
        title.textProperty().bind(viewModel.title());
        // Green only for a success; red for everything else (also before any outcome).
        viewModel.title().addListener((obs, was, now) -> {
            title.getStyleClass().removeAll("ok-text", "error-text");
            title.getStyleClass().add(viewModel.success().get() ? "ok-text" : "error-text");
        });
        Label message = new Label();
        message.setId("done-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.message());

        TextArea detailsText = new TextArea();
        detailsText.setEditable(false);
        detailsText.setPrefRowCount(10);
        detailsText.getStyleClass().add("log-area");
        detailsText.textProperty().bind(viewModel.details());
        detailsText.setAccessibleText(Messages.get("done.details"));
        TitledPane details = new TitledPane(Messages.get("done.details"), detailsText);
        details.setId("done-details");
        details.setExpanded(false);
        details.setAnimated(false);
        details.visibleProperty().bind(viewModel.details().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());

        TextArea bootHint = new TextArea();
        bootHint.setId("boot-hint");
        bootHint.setEditable(false);
        bootHint.setWrapText(true);
        bootHint.setPrefRowCount(4);
        bootHint.getStyleClass().add("digest");
        bootHint.textProperty().bind(viewModel.bootHint());
        bootHint.setAccessibleText(Messages.get("done.boot-hint.accessible"));
        bootHint.visibleProperty().bind(viewModel.bootHint().isNotEmpty());
        bootHint.managedProperty().bind(bootHint.visibleProperty());

        Label log = new Label();
        log.setId("done-log");
        log.getStyleClass().add("help-text");
        log.setWrapText(true);
        log.textProperty().bind(viewModel.logLine());
        Label status = new Label();
        status.setId("done-status");
        status.getStyleClass().add("help-text");
        status.textProperty().bind(viewModel.status());

        message.visibleProperty().bind(viewModel.message().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        FailurePanel failure = new FailurePanel("done-failure", "done", viewModel::saveLog, viewModel::retry);
        failure.show(viewModel.failure().get());
        viewModel.failure().addListener((obs, was, now) -> failure.show(now));
        this.failurePanel = failure;

        reboot.setOnAction(e -> viewModel.reboot());
        powerOff.setOnAction(e -> viewModel.powerOff());
        saveLog.setOnAction(e -> viewModel.saveLog());
        quit.setOnAction(e -> Platform.exit());
        showWhen(reboot, Bindings.and(viewModel.success(), viewModel.canPower()));
        showWhen(powerOff, Bindings.and(viewModel.success(), viewModel.canPower()));
        // After a failure the panel has Retry and Save log; the row keeps what else there is to do.
        showWhen(saveLog, viewModel.success());
        HBox buttons = new HBox(saveLog, reboot, powerOff, quit);
        buttons.getStyleClass().add("button-row");
        root.getChildren().addAll(title, message, details, failure.root(), bootHint, log, buttons, status);
    }

    private static void showWhen(Button button, javafx.beans.value.ObservableBooleanValue condition) {
        button.visibleProperty().bind(condition);
        button.managedProperty().bind(condition);
    }

    private static Button button(String key, String id) {
        Button button = new Button(Messages.get(key));
        button.setId(id);
        button.setMnemonicParsing(true);
        button.setAccessibleHelp(Messages.get(key + ".help"));
        return button;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(viewModel.success().get() ? quit : failurePanel.retryButton());
    }
}
