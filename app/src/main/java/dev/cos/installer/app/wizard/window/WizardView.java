package dev.cos.installer.app.wizard.window;

import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.PageView;
import dev.cos.installer.app.wizard.WizardViewModel;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.fx.Mnemonics;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The wizard's frame: the list of steps on the left, the current page, and Cancel / Back / Next.
 * Next is the default button (Enter), Cancel the cancel button (Escape); Alt+B and Alt+N are the
 * mnemonics of Back and Next. A mnemonic letter belongs to the page on screen: pages may reuse letters
 * (the partitions page's Alt+U and Alt+I, the summary's), see {@link Mnemonics}.
 */
public final class WizardView {

    private final Wizard wizard;
    private final BorderPane root = new BorderPane();
    private final VBox steps = new VBox();
    private final StackPane content = new StackPane();
    private final Button back = new Button();
    private final Button next = new Button();
    private final Button cancel = new Button();

    /** @param onCancel what Cancel does (asks, then quits) */
    public WizardView(Wizard wizard, Runnable onCancel) {
        this.wizard = wizard;
        WizardViewModel frame = wizard.frame();
        root.getStyleClass().add("wizard");

        steps.getStyleClass().add("wizard-steps");
        Label product = new Label(Messages.get("app.name"));
        product.getStyleClass().add("wizard-product");
        steps.getChildren().add(product);
        for (Page page : Page.values()) {
            Label step = new Label(Messages.get(page.titleKey()));
            step.getStyleClass().add("wizard-step");
            step.setMaxWidth(Double.MAX_VALUE);
            step.setUserData(page);
            steps.getChildren().add(step);
        }
        root.setLeft(steps);

        content.getStyleClass().add("wizard-content");
        ScrollPane scroller = new ScrollPane(content);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        // A page taller than the window scrolls instead of being squeezed to its minimum height, which
        // cuts every wrapped label to one line with an ellipsis (seen at 1024 x 600).
        content.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        scroller.getStyleClass().add("wizard-scroller");
        root.setCenter(scroller);

        back.setText(Messages.get("button.back"));
        back.setMnemonicParsing(true);
        back.setId("back");
        back.setAccessibleHelp(Messages.get("button.back.help"));
        back.disableProperty().bind(frame.canGoBack().not());
        back.visibleProperty().bind(frame.canGoBack());
        back.setOnAction(e -> frame.back());

        next.setMnemonicParsing(true);
        next.setId("next");
        next.textProperty().bind(frame.nextLabel());
        next.setAccessibleHelp(Messages.get("button.next.help"));
        next.disableProperty().bind(frame.canGoNext().not());
        next.setOnAction(e -> frame.next());

        cancel.setText(Messages.get("button.cancel"));
        cancel.setMnemonicParsing(true);
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setAccessibleHelp(Messages.get("button.cancel.help"));
        cancel.setOnAction(e -> onCancel.run());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(cancel, new dev.cos.installer.app.ThemeToggle(), spacer, back, next);
        buttons.getStyleClass().add("wizard-buttons");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12));
        root.setBottom(buttons);

        // JavaFX leaves a page's letters in the scene's mnemonic table when the page is swapped out (as
        // empty entries that still catch the key): tidy the table after each layout and on each page.
        Mnemonics.tidyAfterLayout(root);
        frame.current().addListener((obs, old, page) -> show(page));
        frame.onPageEntered(this::focusInitial);
        frame.nextIsDestructive().addListener((obs, old, danger) -> styleNext(danger));
        show(frame.current().get());
    }

    private void styleNext(boolean danger) {
        next.getStyleClass().remove("danger");
        if (danger) {
            next.getStyleClass().add("danger");
        }
        // The destructive button is never the default: Enter must not erase a disk.
        next.setDefaultButton(!danger);
    }

    private void show(Page page) {
        PageView view = wizard.view(page);
        content.getChildren().setAll(view.root());
        for (Node step : steps.getChildren()) {
            step.getStyleClass().removeAll("current", "visited");
            if (step.getUserData() instanceof Page p) {
                if (p == page) {
                    step.getStyleClass().add("current");
                } else if (p.compareTo(page) < 0) {
                    step.getStyleClass().add("visited");
                }
            }
        }
        boolean collecting = page.compareTo(Page.SUMMARY) <= 0;
        next.setVisible(collecting);
        cancel.setVisible(page != Page.DONE);
        styleNext(wizard.frame().nextIsDestructive().get());
    }

    /**
     * Once the page's onEnter has run (it may have filled the page, e.g. the disk cards), and at once:
     * a key a person typed meanwhile waits in the event queue and must reach the focused node, not
     * the previous page's button (a later runLater would run after such a key). The same goes for the
     * mnemonic table: the new page's letters (and Next's new one) are registered and the old page's
     * dropped now, not at the next pulse.
     */
    private void focusInitial(Page page) {
        Mnemonics.tidyNow(root);
        wizard.view(page).initialFocus().orElse(wizard.frame().nextIsDestructive().get() ? cancel : next).requestFocus();
    }

    public Parent root() {
        return root;
    }
}
