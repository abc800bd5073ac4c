package dev.cos.installer.app.recovery;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.FailurePanel;
import dev.cos.installer.app.fx.Mnemonics;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The recovery repair screen: the diagnosis on the left, the actions on the right, a confirmation
 * naming the action's data impact over both, the session's log at the bottom. Large text (1.4x, in
 * recovery.css), keyboard alone: Tab/arrows between actions, mnemonics, Enter runs a confirmation,
 * Escape cancels it. Thin: every rule is in {@link RecoveryViewModel}.
 */
public final class RecoveryView {

    private static final String SHEET = Objects.requireNonNull(RecoveryView.class.getResource("recovery.css"), "recovery.css")
            .toExternalForm();

    /** Findings longer than this are cut on screen (two lines of large text on a 1280 px screen). */
    private static final int FINDING_CHARS = 180;

    private final RecoveryViewModel viewModel;
    private final StackPane root = new StackPane();
    private final BorderPane main = new BorderPane();
    private final Label headline = new Label();
    private final VBox findings = new VBox();
    private final VBox checks = new VBox();
    private final Label activity = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final VBox outcome = new VBox();
    private final Map<RecoveryAction, Button> buttons = new EnumMap<>(RecoveryAction.class);
    private final Map<RecoveryAction, Label> reasons = new EnumMap<>(RecoveryAction.class);
    private final Map<RecoveryAction, java.util.List<CheckBox>> options = new EnumMap<>(RecoveryAction.class);
    private final Button rediagnose = new Button(Messages.get("recovery.rediagnose"));
    private final StackPane confirmLayer = new StackPane();
    private final VBox confirmBox = new VBox();

    private final FailurePanel failure;

    public RecoveryView(RecoveryViewModel viewModel) {
        this.viewModel = viewModel;
        this.failure = new FailurePanel("recovery-failure", "recovery.failure", viewModel::saveBundle, viewModel::retry);
        root.getStyleClass().add("recovery-screen");
        root.getStylesheets().add(SHEET);
        root.setAccessibleText(Messages.get("recovery.title"));

        Label title = new Label(Messages.get("recovery.title"));
        title.getStyleClass().add("page-title");
        Label subtitle = new Label(Messages.get("recovery.subtitle"));
        subtitle.getStyleClass().add("page-subtitle");
        headline.setId("recovery-headline");
        headline.getStyleClass().add("recovery-headline");
        findings.setId("recovery-findings");
        findings.setSpacing(4);
        progress.setId("recovery-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setAccessibleText(Messages.get("recovery.diagnosing"));
        activity.setId("recovery-activity");
        activity.getStyleClass().add("help-text");
        HBox.setHgrow(progress, Priority.ALWAYS);
        // While an engine action runs: elapsed and time left, as on the other faces' progress.
        Label time = new Label();
        time.setId("recovery-time");
        time.getStyleClass().add("help-text");
        time.textProperty().bind(viewModel.timeLine());
        time.visibleProperty().bind(viewModel.job().running());
        time.managedProperty().bind(time.visibleProperty());
        HBox status = new HBox(12, activity, progress, time);
        status.setAlignment(Pos.CENTER_LEFT);
        status.visibleProperty().bind(viewModel.phase().isEqualTo(RecoveryViewModel.Phase.RUNNING)
                .or(viewModel.phase().isEqualTo(RecoveryViewModel.Phase.DIAGNOSING)));
        status.managedProperty().bind(status.visibleProperty());
        activity.textProperty().bind(viewModel.activity());
        progress.progressProperty().bind(javafx.beans.binding.Bindings.when(
                viewModel.phase().isEqualTo(RecoveryViewModel.Phase.DIAGNOSING)).then(-1.0).otherwise(viewModel.fraction()));
        outcome.setId("recovery-outcome");
        outcome.getStyleClass().add("recovery-outcome");

        VBox top = new VBox(4, title, subtitle);
        viewModel.offlineTarget().ifPresent(target -> {
            Label offline = new Label(Messages.get("recovery.subtitle.offline", target.toString()));
            offline.setId("recovery-offline");
            offline.getStyleClass().add("warning-text");
            top.getChildren().add(offline);
        });
        top.getChildren().addAll(headline, findings, status, outcome);

        checks.setId("recovery-checks");
        checks.getStyleClass().add("recovery-checks");
        ScrollPane checksScroll = new ScrollPane(checks);
        checksScroll.setFitToWidth(true);
        checksScroll.setFocusTraversable(false);
        checksScroll.setAccessibleText(Messages.get("recovery.details"));
        Label checksTitle = new Label(Messages.get("recovery.details"));
        checksTitle.getStyleClass().add("recovery-section");
        VBox left = new VBox(4, checksTitle, checksScroll);
        VBox.setVgrow(checksScroll, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);

        VBox actions = actions();
        ScrollPane actionsScroll = new ScrollPane(actions);
        actionsScroll.setFitToWidth(true);
        actionsScroll.setFocusTraversable(false);
        actionsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The actions keep their width; the diagnosis takes what is left.
        actionsScroll.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox center = new HBox(left, actionsScroll);
        VBox.setVgrow(center, Priority.ALWAYS);

        TextArea log = new TextArea();
        log.setId("recovery-log");
        log.setEditable(false);
        log.setPrefRowCount(5);
        log.getStyleClass().addAll("log-area", "recovery-log");
        log.setAccessibleText(Messages.get("recovery.log"));
        viewModel.transcript().addListener((javafx.collections.ListChangeListener<String>) change -> {
            log.setText(String.join("\n", viewModel.transcript()));
            log.positionCaret(log.getLength());
        });
        TitledPane logPane = new TitledPane(Messages.get("recovery.log"), log);
        logPane.setId("recovery-log-pane");
        logPane.setExpanded(false);
        logPane.setAnimated(false);

        VBox column = new VBox(8, top, center, logPane);
        column.getStyleClass().add("recovery-main");
        main.setCenter(column);

        confirmLayer.setId("recovery-confirm-layer");
        confirmLayer.getStyleClass().add("recovery-confirm-shade");
        confirmLayer.getChildren().add(confirmBox);
        confirmBox.setId("recovery-confirm");
        confirmBox.getStyleClass().add("recovery-confirm");
        confirmLayer.setVisible(false);
        confirmBox.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        root.getChildren().addAll(main, confirmLayer);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && viewModel.phase().get() == RecoveryViewModel.Phase.CONFIRMING) {
                viewModel.cancel();
                e.consume();
            }
        });

        viewModel.phase().addListener((obs, was, now) -> {
            refresh();
            if (was == RecoveryViewModel.Phase.DIAGNOSING && now == RecoveryViewModel.Phase.READY) {
                // A fresh diagnosis: the action it recommends first is where Enter should go.
                initialFocus().requestFocus();
            }
        });
        viewModel.report().addListener((obs, was, now) -> refresh());
        viewModel.outcome().addListener((obs, was, now) -> refresh());
        viewModel.diagnosisError().addListener((obs, was, now) -> refresh());
        viewModel.confirmation().addListener((obs, was, now) -> showConfirmation(now));
        // The confirmation's buttons come and go (and the action list's letters stay): see Mnemonics.
        Mnemonics.tidyAfterLayout(root);
        refresh();
    }

    private VBox actions() {
        VBox box = new VBox();
        box.setId("recovery-actions");
        box.getStyleClass().add("recovery-actions");
        Label heading = new Label(Messages.get("recovery.actions"));
        heading.getStyleClass().add("recovery-section");
        box.getChildren().add(heading);
        for (RecoveryAction action : RecoveryAction.values()) {
            Button button = new Button(Messages.get("recovery.action." + action.key()));
            button.setId("action-" + action.key());
            button.setMnemonicParsing(true);
            button.setAccessibleHelp(Messages.get("recovery.action." + action.key() + ".help"));
            button.setTooltip(new Tooltip(Messages.get("recovery.action." + action.key() + ".help")));
            button.setOnAction(e -> {
                if (action == RecoveryAction.SAVE_BUNDLE) {
                    viewModel.saveBundle();
                } else {
                    viewModel.request(action);
                }
            });
            buttons.put(action, button);
            box.getChildren().add(button);
            if (action == RecoveryAction.FSCK) {
                box.getChildren().add(option(action, "yes-fix", viewModel.fsckYesFix()));
            }
            if (action == RecoveryAction.RESET) {
                box.getChildren().addAll(option(action, "reset-persistent", viewModel.resetPersistent()),
                        option(action, "reset-oem", viewModel.resetOem()));
            }
            Label reason = new Label();
            reason.setId("reason-" + action.key());
            reason.getStyleClass().add("help-text");
            reason.managedProperty().bind(reason.visibleProperty());
            reasons.put(action, reason);
            box.getChildren().add(reason);
        }
        rediagnose.setId("recovery-rediagnose");
        rediagnose.setMnemonicParsing(true);
        rediagnose.setAccessibleHelp(Messages.get("recovery.rediagnose.help"));
        rediagnose.setTooltip(new Tooltip(Messages.get("recovery.rediagnose.help")));
        rediagnose.setOnAction(e -> viewModel.diagnose());
        box.getChildren().add(rediagnose);
        return box;
    }

    private CheckBox option(RecoveryAction action, String key, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(Messages.get("recovery.option." + key));
        box.setId("option-" + key);
        box.setMnemonicParsing(true);
        box.setWrapText(true);
        box.selectedProperty().bindBidirectional(value);
        box.setAccessibleHelp(Messages.get("recovery.option." + key + ".help"));
        box.setTooltip(new Tooltip(Messages.get("recovery.option." + key + ".help")));
        options.computeIfAbsent(action, a -> new java.util.ArrayList<>()).add(box);
        // A CheckBox's mnemonic only fires an ActionEvent, which does not tick it (fire() ticks, then fires
        // one): an ActionEvent with no tick just before it came from the mnemonic, so tick it here.
        boolean[] ticked = {false};
        box.selectedProperty().addListener((obs, was, now) -> {
            ticked[0] = true;
            // fire()'s ActionEvent follows at once; a tick by the view model has none, so forget it later.
            javafx.application.Platform.runLater(() -> ticked[0] = false);
        });
        box.addEventHandler(javafx.event.ActionEvent.ACTION, e -> {
            if (!ticked[0]) {
                box.setSelected(!box.isSelected());
                box.requestFocus();
            }
            ticked[0] = false;
        });
        return box;
    }

    private void refresh() {
        RecoveryViewModel.Phase phase = viewModel.phase().get();
        Optional<DiagnosisReport> report = viewModel.report().get();
        headline.getStyleClass().removeAll("ok-text", "warning-text", "error-text");
        if (viewModel.diagnosisError().get().isPresent()) {
            headline.setText(Messages.get("recovery.diagnosis-failed"));
            headline.getStyleClass().add("error-text");
        } else if (report.isPresent()) {
            headline.setText(report.get().headline());
            headline.getStyleClass().add(switch (report.get().overall()) {
                case OK -> "ok-text";
                case WARNING -> "warning-text";
                case ERROR -> "error-text";
            });
        } else {
            headline.setText(Messages.get("recovery.diagnosing"));
        }
        headline.setAccessibleText(headline.getText());
        findings.getChildren().clear();
        viewModel.diagnosisError().get().ifPresent(error -> findings.getChildren().add(finding(error)));
        viewModel.diagnosis().get().ifPresent(d -> {
            d.findings().stream().filter(f -> f.error()).forEach(f -> findings.getChildren().add(finding(DiagnosisReport.text(d, f))));
            d.findings().stream().filter(f -> !f.error()).forEach(f -> {
                Label warning = finding(DiagnosisReport.text(d, f));
                warning.getStyleClass().add("warning");
                findings.getChildren().add(warning);
            });
        });
        checks.getChildren().clear();
        String section = "";
        for (DiagnosisReport.Row row : report.map(DiagnosisReport::rows).orElse(java.util.List.of())) {
            if (!row.section().equals(section)) {
                section = row.section();
                Label heading = new Label(section);
                heading.getStyleClass().add("recovery-section");
                checks.getChildren().add(heading);
            }
            checks.getChildren().add(row(row));
        }
        boolean ready = phase == RecoveryViewModel.Phase.READY;
        for (Map.Entry<RecoveryAction, Button> entry : buttons.entrySet()) {
            Optional<String> why = viewModel.unavailable(entry.getKey());
            Button button = entry.getValue();
            button.setDisable(!ready || why.isPresent());
            options.getOrDefault(entry.getKey(), java.util.List.of()).forEach(box -> box.setDisable(button.isDisabled()));
            boolean recommended = report.map(r -> r.recommended().contains(entry.getKey())).orElse(false);
            button.getStyleClass().remove("recommended");
            if (recommended) {
                button.getStyleClass().add("recommended");
            }
            String text = Messages.get("recovery.title." + entry.getKey().key());
            button.setAccessibleText(recommended ? text + ", " + Messages.get("recovery.recommended") : text);
            Label reason = reasons.get(entry.getKey());
            reason.setText(why.orElse(""));
            reason.setVisible(why.isPresent());
        }
        rediagnose.setDisable(!ready);
        outcome.getChildren().clear();
        outcome.getStyleClass().remove("failed");
        Optional<RecoveryViewModel.Outcome> last = viewModel.outcome().get();
        outcome.setVisible(last.isPresent());
        outcome.setManaged(last.isPresent());
        if (last.isPresent() && last.get() instanceof RecoveryViewModel.Outcome.Succeeded ok) {
            Label text = new Label(ok.message());
            text.setId("recovery-outcome-text");
            text.getStyleClass().add("ok-text");
            text.setWrapText(true);
            outcome.getChildren().add(text);
            outcome.setAccessibleText(ok.message());
        } else if (last.isPresent() && last.get() instanceof RecoveryViewModel.Outcome.Failed failed) {
            outcome.getStyleClass().add("failed");
            failure.show(Optional.of(new FailurePanel.Failure(Messages.get("recovery.outcome.failed") + ": " + failed.message(),
                    failed.details(), viewModel.job().log())));
            outcome.getChildren().add(failure.root());
            outcome.setAccessibleText(failure.root().getAccessibleText());
        }
        if (ready && (root.getScene() == null || root.getScene().getFocusOwner() == null
                || root.getScene().getFocusOwner().isDisabled())) {
            initialFocus().requestFocus();
        }
    }

    private static Label finding(String text) {
        // A finding can carry a whole mount error: the screen shows its start, the log and tooltip all of it.
        String shown = text.length() > FINDING_CHARS ? text.substring(0, FINDING_CHARS).strip() + "\u2026" : text;
        Label label = new Label("\u2022 " + shown.replace('\n', ' '));
        label.getStyleClass().add("recovery-finding");
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (!shown.equals(text)) {
            label.setTooltip(new Tooltip(text));
        }
        label.setAccessibleText(text);
        return label;
    }

    private static Node row(DiagnosisReport.Row row) {
        Label status = new Label(Messages.get("recovery.status." + row.status().name().toLowerCase(java.util.Locale.ROOT)));
        status.getStyleClass().add("check-status");
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label subject = new Label(row.subject());
        subject.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label result = new Label(row.result());
        result.setWrapText(true);
        VBox text = new VBox(2, new HBox(10, subject, result));
        if (!row.detail().isBlank() && row.status() != DiagnosisReport.Status.OK) {
            Label detail = new Label(row.detail());
            detail.getStyleClass().add("detail");
            detail.setWrapText(true);
            text.getChildren().add(detail);
        }
        HBox box = new HBox(10, status, text);
        box.getStyleClass().addAll("check-row", switch (row.status()) {
            case OK -> "passed";
            case WARNING -> "note";
            case ERROR -> "failed";
        });
        box.setAccessibleText(status.getText() + ": " + row.subject() + ", " + row.result());
        return box;
    }

    private void showConfirmation(Optional<RecoveryViewModel.Confirmation> pending) {
        confirmBox.getChildren().clear();
        confirmBox.getStyleClass().remove("erases");
        main.setDisable(pending.isPresent());
        confirmLayer.setVisible(pending.isPresent());
        if (pending.isEmpty()) {
            Mnemonics.tidyNow(root);
            if (root.getScene() != null) {
                initialFocus().requestFocus();
            }
            return;
        }
        RecoveryViewModel.Confirmation c = pending.get();
        boolean erases = c.impact().map(Impact::erases).orElse(false);
        if (erases) {
            confirmBox.getStyleClass().add("erases");
        }
        Label title = new Label(c.title());
        title.setId("confirm-title");
        title.getStyleClass().add("page-title");
        Label question = new Label(c.question());
        question.setId("confirm-question");
        question.getStyleClass().add(erases ? "error-text" : "value-text");
        confirmBox.getChildren().addAll(title, question);
        c.impact().ifPresent(impact -> {
            if (!impact.changes().isEmpty()) {
                Label heading = new Label(Messages.get("recovery.changes"));
                heading.getStyleClass().add("impact-heading");
                confirmBox.getChildren().add(heading);
                impact.changes().forEach(change -> confirmBox.getChildren().add(item(change, "impact-change")));
            }
            if (!impact.keeps().isEmpty()) {
                Label heading = new Label(Messages.get("recovery.keeps"));
                heading.getStyleClass().add("impact-heading");
                confirmBox.getChildren().add(heading);
                impact.keeps().forEach(keep -> confirmBox.getChildren().add(item(keep, "impact-keep")));
            }
        });
        Button yes = new Button(Messages.get(erases ? "recovery.confirm.yes.erase" : "recovery.confirm.yes"));
        yes.setId("confirm-yes");
        yes.setMnemonicParsing(true);
        // Enter confirms, except an erasing action: that needs Tab to its button, then Space.
        yes.setDefaultButton(!erases);
        if (erases) {
            yes.getStyleClass().add("danger");
        }
        yes.setAccessibleHelp(Messages.get(erases ? "recovery.confirm.help.erase" : "recovery.confirm.help"));
        yes.setOnAction(e -> viewModel.confirm());
        Button no = new Button(Messages.get("recovery.confirm.no"));
        no.setId("confirm-no");
        no.setCancelButton(true);
        no.setAccessibleHelp(Messages.get("recovery.confirm.help"));
        no.setOnAction(e -> viewModel.cancel());
        HBox row = new HBox(12, yes, no);
        row.getStyleClass().add("button-row");
        Label help = new Label(Messages.get(erases ? "recovery.confirm.help.erase" : "recovery.confirm.help"));
        help.getStyleClass().add("help-text");
        confirmBox.getChildren().addAll(row, help);
        Mnemonics.tidyNow(root);
        // An erasing action starts on Cancel: Enter alone never erases anything.
        (erases ? no : yes).requestFocus();
    }

    private static Label item(String text, String styleClass) {
        Label label = new Label("\u2022 " + text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }

    public Node root() {
        return root;
    }

    /** The first recommended action, else "Check again". */
    public Node initialFocus() {
        Optional<DiagnosisReport> report = viewModel.report().get();
        for (RecoveryAction action : RecoveryAction.values()) {
            if (report.map(r -> r.recommended().contains(action)).orElse(false) && !buttons.get(action).isDisabled()) {
                return buttons.get(action);
            }
        }
        return rediagnose;
    }
}
