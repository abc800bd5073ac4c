package dev.cos.installer.app.wizard.welcome;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.StyledPage;
import dev.cos.installer.app.wizard.PageView;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The welcome page: title, version, and one row per requirement check. Thin: all rules are in the ViewModel. */
public final class WelcomeView implements PageView {

    private final WelcomeViewModel viewModel;
    private final StyledPage root = new StyledPage();
    private final VBox rows = new VBox(6);
    private final Button recheck = new Button(Messages.get("welcome.recheck"));

    public WelcomeView(WelcomeViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add("welcome-page");
        Label title = new Label(viewModel.productName());
        title.getStyleClass().add("page-title");
        Label version = new Label(viewModel.versionText());
        version.getStyleClass().add("muted");
        version.setId("welcome-version");
        Label intro = new Label(Messages.get("welcome.intro"));
        intro.getStyleClass().add("page-intro");
        intro.setWrapText(true);

        Label heading = new Label(Messages.get("welcome.requirements"));
        heading.getStyleClass().add("section-title");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(viewModel.loading());
        spinner.managedProperty().bind(viewModel.loading());
        spinner.setAccessibleText(Messages.get("welcome.checking"));
        Label checking = new Label(Messages.get("welcome.checking"));
        checking.visibleProperty().bind(viewModel.loading());
        checking.managedProperty().bind(viewModel.loading());
        HBox headingRow = new HBox(8, heading, spinner, checking);
        headingRow.setAlignment(Pos.CENTER_LEFT);

        rows.setId("welcome-checks");
        recheck.setId("welcome-recheck");
        recheck.setMnemonicParsing(true);
        recheck.setAccessibleHelp(Messages.get("welcome.recheck.help"));
        recheck.setTooltip(new Tooltip(Messages.get("welcome.recheck.help")));
        recheck.disableProperty().bind(viewModel.loading());
        recheck.setOnAction(e -> viewModel.recheck());

        root.getChildren().addAll(title, version, intro, headingRow, rows, recheck);
        viewModel.checks().addListener((ListChangeListener<WelcomeViewModel.Check>) c -> showRows());
        showRows();
    }

    private void showRows() {
        rows.getChildren().clear();
        for (WelcomeViewModel.Check check : viewModel.checks()) {
            String statusKey = "welcome.status." + check.status().name().toLowerCase(Locale.ROOT);
            Label status = new Label(Messages.get(statusKey));
            status.getStyleClass().add("check-status");
            Label text = new Label(check.text());
            text.getStyleClass().add("check-text");
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(status, text);
            row.getStyleClass().addAll("check-row", "check-" + check.id(), check.status().name().toLowerCase(Locale.ROOT));
            row.setFocusTraversable(true);
            row.setAccessibleText(Messages.get(statusKey) + ": " + check.text());
            if (check.blocks()) {
                row.setAccessibleHelp(Messages.get("welcome.blocking.help"));
                Tooltip.install(row, new Tooltip(Messages.get("welcome.blocking.help")));
            }
            rows.getChildren().add(row);
        }
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.empty();
    }
}
