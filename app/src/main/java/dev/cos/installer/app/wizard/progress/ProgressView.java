package dev.cos.installer.app.wizard.progress;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.wizard.PageView;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The install's progress: overall bar, current step, time, and the live log (expandable). */
public final class ProgressView implements PageView {

    private final VBox root = new VBox();
    private final ListView<String> logList = new ListView<>();

    public ProgressView(ProgressViewModel viewModel) {
        root.getStyleClass().addAll("page", "progress-page");
        Label title = new Label(Messages.get("progress.title"));
        title.getStyleClass().add("page-title");

        ProgressBar bar = new ProgressBar();
        bar.setId("install-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.fraction());
        bar.setAccessibleText(Messages.get("progress.bar.accessible"));
        Label percent = new Label();
        percent.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(viewModel.fraction().get() * 100) + " %", viewModel.fraction()));

        Label step = new Label();
        step.setId("current-step");
        step.getStyleClass().add("page-subtitle");
        step.textProperty().bind(viewModel.stepTitle());
        step.setWrapText(true);
        Label counter = new Label();
        counter.textProperty().bind(viewModel.stepCounter());
        counter.getStyleClass().add("help-text");

        Label time = new Label();
        time.setId("time-line");
        time.getStyleClass().add("help-text");
        javafx.animation.Timeline ticker = new javafx.animation.Timeline(
                new KeyFrame(Duration.seconds(1), e -> time.setText(viewModel.timeLine())));
        ticker.setCycleCount(Animation.INDEFINITE);
        viewModel.running().addListener((obs, was, now) -> {
            time.setText(viewModel.timeLine());
            if (now) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });

        logList.setId("install-log");
        logList.setItems(viewModel.log());
        logList.getStyleClass().add("log-area");
        logList.setAccessibleText(Messages.get("progress.log.accessible"));
        logList.setPrefHeight(260);
        viewModel.log().addListener((ListChangeListener<String>) change -> logList.scrollTo(viewModel.log().size() - 1));
        TitledPane details = new TitledPane(Messages.get("progress.details"), logList);
        details.setId("log-pane");
        details.setExpanded(false);
        details.setAnimated(false);
        details.setAccessibleHelp(Messages.get("progress.details.help"));

        Label note = new Label(Messages.get("progress.note"));
        note.getStyleClass().add("help-text");
        note.setWrapText(true);
        root.getChildren().addAll(title, bar, percent, step, counter, time, note, details);
    }

    @Override
    public Node root() {
        return root;
    }
}
