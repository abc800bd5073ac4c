package dev.cos.installer.app.tray;

import dev.cos.installer.app.Icons;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.tray.TrayViewModel.UpgradeStage;
import dev.cos.installer.app.widgets.FailurePanel;
import dev.cos.installer.app.widgets.WarningNote;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The status tray window: state, fallback notice, the installed images, upgrade (with its confirm,
 * progress and restart parts), rollback rehearsal and history. Thin: everything it shows comes from
 * {@link TrayViewModel}.
 */
public final class TrayWindow {

    private final TrayViewModel viewModel;
    private final ScrollPane root;
    private final VBox content = new VBox();
    private final GridPane imageGrid = new GridPane();

    public TrayWindow(TrayViewModel viewModel) {
        this.viewModel = viewModel;
        content.getStyleClass().addAll("page", "tray-window");
        content.setSpacing(12);
        content.getChildren().addAll(header(), fallbackBox(), upgradeBox(), facts(), upgradeActions(), rehearsalBox(),
                historyBox(), messageLine());
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.getStyleClass().add("wizard-scroller");
        viewModel.images().addListener((javafx.collections.ListChangeListener<TrayViewModel.ImageRow>) c -> fillImages());
        fillImages();
    }

    public Node root() {
        return root;
    }

    /** The control that should have the focus when the window opens. */
    public Node initialFocus() {
        return content.lookup("#tray-refresh");
    }

    private Node header() {
        ImageView icon = new ImageView();
        icon.setId("tray-state-icon");
        icon.imageProperty().bind(Bindings.createObjectBinding(() -> Icons.trayState(viewModel.state().get().icon(), 48),
                viewModel.state()));
        Label title = new Label();
        title.setId("tray-state");
        title.getStyleClass().add("page-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("tray.state." + viewModel.state().get().name()),
                viewModel.state()));
        Label subtitle = new Label();
        subtitle.setId("tray-tooltip");
        subtitle.getStyleClass().add("page-subtitle");
        subtitle.setWrapText(true);
        subtitle.textProperty().bind(viewModel.tooltip());
        title.accessibleTextProperty().bind(viewModel.tooltip());
        VBox texts = new VBox(title, subtitle);
        HBox.setHgrow(texts, Priority.ALWAYS);
        Button refresh = button("tray.refresh", "tray-refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        HBox header = new HBox(12, icon, texts, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private Node fallbackBox() {
        Label notice = new Label();
        notice.setId("tray-fallback-notice");
        notice.getStyleClass().add("warning-title");
        notice.setWrapText(true);
        notice.textProperty().bind(viewModel.fallbackNotice());
        Label explain = new Label();
        explain.setId("tray-fallback-explain");
        explain.setWrapText(true);
        explain.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.fallbackToRecovery())
                .then(Messages.get("tray.fallback.recovery-explain")).otherwise(Messages.get("tray.fallback.explain")));
        Button retry = button("tray.fallback.retry", "tray-fallback-retry");
        retry.setOnAction(e -> viewModel.tryUpdateAgain());
        Button keep = button("tray.fallback.keep", "tray-fallback-keep");
        keep.setOnAction(e -> viewModel.keepThisVersion());
        retry.disableProperty().bind(viewModel.busy());
        keep.disableProperty().bind(viewModel.busy());
        HBox buttons = new HBox(8, retry, keep);
        buttons.getStyleClass().add("button-row");
        // After a fallback to recovery neither "retry" nor "keep" applies: the recovery screen repairs.
        showWhen(buttons, viewModel.fallbackToRecovery().not());
        VBox box = new VBox(8, notice, explain, buttons);
        box.setId("tray-fallback");
        box.getStyleClass().add("warning-box");
        showWhen(box, viewModel.fallbackNotice().isNotEmpty());
        return box;
    }

    private Node facts() {
        Label booted = new Label();
        booted.setId("tray-booted");
        booted.setWrapText(true);
        booted.textProperty().bind(viewModel.booted());
        imageGrid.setId("tray-images");
        imageGrid.setHgap(12);
        imageGrid.setVgap(4);
        Label space = new Label();
        space.setId("tray-space");
        space.setWrapText(true);
        space.textProperty().bind(viewModel.space());
        viewModel.spaceFits().addListener((obs, was, fits) -> styleSpace(space, fits));
        styleSpace(space, viewModel.spaceFits().get());
        VBox box = new VBox(8, booted, imageGrid, space);
        box.getStyleClass().add("card");
        return box;
    }

    private static void styleSpace(Label space, boolean fits) {
        space.getStyleClass().removeAll("ok-text", "warning-text");
        space.getStyleClass().add(fits ? "ok-text" : "warning-text");
    }

    private void fillImages() {
        imageGrid.getChildren().clear();
        String[] headings = {"tray.images.slot", "tray.images.version", "tray.images.date", "tray.images.source-digest"};
        for (int col = 0; col < headings.length; col++) {
            Label h = new Label(Messages.get(headings[col]));
            h.getStyleClass().add("fact-label");
            imageGrid.add(h, col, 0);
        }
        int row = 1;
        for (TrayViewModel.ImageRow image : viewModel.images()) {
            Label slot = new Label(image.title());
            slot.setMinWidth(Region.USE_PREF_SIZE);
            Label version = new Label(image.version());
            version.setId("tray-version-" + image.slot());
            version.getStyleClass().add(image.present() ? "value-text" : "error-text");
            Label date = new Label(image.date());
            date.setMinWidth(Region.USE_PREF_SIZE);
            TextField source = readOnly(image.source(), "tray-source-" + image.slot(),
                    Messages.get("tray.images.source") + " " + image.title());
            TextField digest = readOnly(image.digest(), "tray-digest-" + image.slot(),
                    Messages.get("tray.images.digest") + " " + image.title());
            // A container image shows its tag and a short digest: the pinned reference and the full digest in the tooltips.
            source.getTooltip().setText(image.where().source());
            digest.getTooltip().setText(image.where().digest());
            digest.getStyleClass().add("digest");
            VBox where = new VBox(2, source, digest);
            GridPane.setHgrow(where, Priority.ALWAYS);
            for (Label l : new Label[] {slot, version, date}) {
                GridPane.setValignment(l, javafx.geometry.VPos.TOP);
            }
            imageGrid.addRow(row++, slot, version, date, where);
        }
    }

    private static TextField readOnly(String text, String id, String accessible) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setEditable(false);
        field.setPrefColumnCount(16);
        field.setAccessibleText(accessible);
        field.setTooltip(new Tooltip(text));
        return field;
    }

    private Node upgradeActions() {
        Label available = new Label();
        available.setId("tray-available");
        available.setWrapText(true);
        available.textProperty().bind(viewModel.available());
        showWhen(available, viewModel.available().isNotEmpty());
        Button configured = button("tray.upgrade.configured", "tray-upgrade-configured");
        configured.setDefaultButton(false);
        configured.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("tray.upgrade.configured", viewModel.configuredSource().get()), viewModel.configuredSource()));
        configured.setOnAction(e -> viewModel.upgradeFromConfigured());
        showWhen(configured, viewModel.configuredSource().isNotEmpty());
        Button file = button("tray.upgrade.file", "tray-upgrade-file");
        file.setOnAction(e -> viewModel.chooseFile(false));
        Button dir = button("tray.upgrade.dir", "tray-upgrade-dir");
        dir.setOnAction(e -> viewModel.chooseDirectory(false));
        MenuButton recovery = new MenuButton(Messages.get("tray.upgrade.recovery"));
        recovery.setId("tray-upgrade-recovery");
        recovery.setMnemonicParsing(true);
        recovery.setMinWidth(Region.USE_PREF_SIZE);
        recovery.setAccessibleHelp(Messages.get("tray.upgrade.recovery.help"));
        recovery.setTooltip(new Tooltip(Messages.get("tray.upgrade.recovery.help")));
        MenuItem fromFile = new MenuItem(Messages.get("tray.upgrade.file"));
        fromFile.setId("tray-upgrade-recovery-file");
        fromFile.setOnAction(e -> viewModel.chooseFile(true));
        MenuItem fromDir = new MenuItem(Messages.get("tray.upgrade.dir"));
        fromDir.setId("tray-upgrade-recovery-dir");
        fromDir.setOnAction(e -> viewModel.chooseDirectory(true));
        recovery.getItems().addAll(fromFile, fromDir);
        ObservableBooleanValue idle = viewModel.upgradeStage().isEqualTo(UpgradeStage.NONE);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {configured, file, dir, recovery}) {
            c.disableProperty().bind(Bindings.not(idle));
        }
        Label recoveryHelp = new Label(Messages.get("tray.upgrade.recovery.help"));
        recoveryHelp.getStyleClass().add("help-text");
        recoveryHelp.setWrapText(true);
        HBox buttons = new HBox(8, configured, file, dir);
        buttons.getStyleClass().add("button-row");
        HBox recoveryRow = new HBox(8, recovery, recoveryHelp);
        recoveryRow.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, available, buttons, recoveryRow);
    }

    private Node upgradeBox() {
        Label title = new Label();
        title.setId("tray-upgrade-title");
        title.getStyleClass().add("warning-title");
        title.setWrapText(true);
        title.textProperty().bind(viewModel.upgradeTitle());
        TextArea facts = new TextArea();
        facts.setId("tray-upgrade-facts");
        facts.setEditable(false);
        facts.setWrapText(true);
        facts.setPrefRowCount(4);
        facts.getStyleClass().add("digest");
        facts.textProperty().bind(viewModel.upgradeFacts());
        facts.setAccessibleText(Messages.get("tray.images.digest"));
        VBox unverifiedBox = WarningNote.of("tray-upgrade-unverified", viewModel.upgradeUnverified());
        Function<UpgradeStage, ObservableBooleanValue> at = stage -> viewModel.upgradeStage().isEqualTo(stage);
        showWhen(facts, Bindings.or(at.apply(UpgradeStage.CONFIRM),
                Bindings.and(at.apply(UpgradeStage.FAILED), Bindings.createBooleanBinding(
                        () -> viewModel.upgradeFailure().get().isEmpty(), viewModel.upgradeFailure()))));
        // A failed upgrade run: the failure panel (a source that could not be read keeps the facts line).
        FailurePanel failure = new FailurePanel("tray-upgrade-failure", "tray.upgrade.failure", viewModel::saveUpgradeLog, viewModel::retryUpgrade);
        Runnable showFailure = () -> failure.show(viewModel.upgradeStage().get() == UpgradeStage.FAILED
                ? viewModel.upgradeFailure().get().map(f -> new FailurePanel.Failure(viewModel.upgradeFacts().get(),
                        f.details(), viewModel.upgradeLog())) : Optional.empty());
        viewModel.upgradeStage().addListener((obs, was, now) -> showFailure.run());
        viewModel.upgradeFailure().addListener((obs, was, now) -> showFailure.run());
        ProgressBar bar = new ProgressBar();
        bar.setId("tray-upgrade-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.fraction());
        bar.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("tray.tooltip.upgrading", viewModel.percent()), viewModel.fraction()));
        Label step = new Label();
        step.setId("tray-upgrade-step");
        step.textProperty().bind(viewModel.upgradeStep());
        Label time = new Label();
        time.setId("tray-upgrade-time");
        time.getStyleClass().add("help-text");
        time.textProperty().bind(viewModel.upgradeTime());
        VBox progress = new VBox(4, bar, step, time);
        // Checking shows the download of a URL (and the read of any source) too.
        showWhen(progress, Bindings.or(at.apply(UpgradeStage.RUNNING), at.apply(UpgradeStage.CHECKING)));

        Button start = button("tray.upgrade.start", "tray-upgrade-start");
        start.setOnAction(e -> viewModel.confirmUpgrade());
        Button cancel = button("tray.upgrade.cancel", "tray-upgrade-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> viewModel.dismissUpgrade());
        showWhen(start, at.apply(UpgradeStage.CONFIRM));
        showWhen(cancel, at.apply(UpgradeStage.CONFIRM));
        Button restart = button("tray.upgrade.restart", "tray-upgrade-restart");
        restart.setOnAction(e -> viewModel.restartNow());
        Button later = button("tray.upgrade.later", "tray-upgrade-later");
        later.setOnAction(e -> viewModel.dismissUpgrade());
        showWhen(restart, Bindings.and(at.apply(UpgradeStage.FINISHED), viewModel.state().isEqualTo(TrayState.RESTART_NEEDED)));
        showWhen(later, Bindings.and(at.apply(UpgradeStage.FINISHED), viewModel.state().isEqualTo(TrayState.RESTART_NEEDED)));
        Button close = button("tray.upgrade.close", "tray-upgrade-close");
        close.setOnAction(e -> viewModel.dismissUpgrade());
        showWhen(close, Bindings.or(at.apply(UpgradeStage.FAILED),
                Bindings.and(at.apply(UpgradeStage.FINISHED), viewModel.state().isNotEqualTo(TrayState.RESTART_NEEDED))));
        HBox buttons = new HBox(8, start, cancel, restart, later, close);
        buttons.getStyleClass().add("button-row");
        VBox box = new VBox(8, title, unverifiedBox, facts, failure.root(), progress, buttons);
        box.setId("tray-upgrade");
        box.getStyleClass().add("card");
        showWhen(box, Bindings.not(at.apply(UpgradeStage.NONE)));
        // Each part takes the focus when it appears, so Enter / Escape act on it at once.
        // Decided later: the state (restart needed or not) is set just after the stage.
        viewModel.upgradeStage().addListener((obs, was, now) -> javafx.application.Platform.runLater(() -> {
            Button focus = switch (viewModel.upgradeStage().get()) {
                case CONFIRM -> cancel;
                case FINISHED -> restart.isVisible() ? restart : close;
                case FAILED -> close;
                default -> null;
            };
            if (focus != null) {
                focus.requestFocus();
            }
        }));
        return box;
    }

    private Node rehearsalBox() {
        Label result = new Label();
        result.setId("tray-rehearsal");
        result.setWrapText(true);
        result.textProperty().bind(viewModel.rehearsal());
        showWhen(result, viewModel.rehearsal().isNotEmpty());
        Button rehearse = button("tray.rehearse", "tray-rehearse");
        rehearse.setOnAction(e -> viewModel.rehearseRollback());
        rehearse.disableProperty().bind(Bindings.createBooleanBinding(() -> viewModel.busy().get() || !viewModel.canRehearse()
                || viewModel.upgradeStage().get() == UpgradeStage.RUNNING,
                viewModel.busy(), viewModel.status(), viewModel.upgradeStage()));
        Label help = new Label(Messages.get("tray.rehearse.help"));
        help.getStyleClass().add("help-text");
        help.setWrapText(true);
        HBox row = new HBox(8, rehearse, help);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, result, row);
    }

    private Node historyBox() {
        Label heading = new Label(Messages.get("tray.history"));
        heading.getStyleClass().add("fact-label");
        ListView<String> list = new ListView<>(viewModel.history());
        list.setId("tray-history");
        list.setPrefHeight(140);
        list.setAccessibleText(Messages.get("tray.history"));
        heading.setLabelFor(list);
        return new VBox(4, heading, list);
    }

    private Node messageLine() {
        Label message = new Label();
        message.setId("tray-message");
        message.setWrapText(true);
        message.getStyleClass().add("help-text");
        message.textProperty().bind(viewModel.message());
        showWhen(message, viewModel.message().isNotEmpty());
        return message;
    }

    private static void showWhen(Region node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    private static Button button(String key, String id) {
        Button button = new Button(Messages.get(key));
        button.setId(id);
        button.setMnemonicParsing(true);
        button.setAccessibleHelp(Messages.get(key + ".help"));
        button.setTooltip(new Tooltip(Messages.get(key + ".help")));
        return button;
    }
}
