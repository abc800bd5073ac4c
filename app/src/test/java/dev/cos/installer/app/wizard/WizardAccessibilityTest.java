package dev.cos.installer.app.wizard;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.window.WizardView;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.app.Styles;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page of the wizard, as a screen reader and a person at 200% see it: each control a person
 * operates has an accessible name (its own text, a label pointing at it, or setAccessibleText) and
 * help (setAccessibleHelp or a tooltip); at twice the font size no label text is cut off.
 */
@ExtendWith(ApplicationExtension.class)
class WizardAccessibilityTest {

    @TempDir
    static Path home;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private Wizard wizard(FakeEngine engine) {
        WizardModel model = new WizardModel(home.resolve("cos.img"));
        return Wizard.create(model, engine, new SameThreadBackground(), new FakeDialogService());
    }

    private static FakeEngine engine() {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        engine.check = Fixtures.check();
        engine.plan = Fixtures.plan8g();
        engine.sourceInfo = new SourceInfo("dir:///demo", "cOS demo 1.0", "1.0", 12668776, 13844328, "sha256:7d7e");
        engine.installEvents = List.of(new Event.Error("T", "FORMAT", 52, "format", "Creating filesystems",
                "mkfs.ext4 failed", "exit code 1", ""));
        return engine;
    }

    /** Shows each page in turn at {@code fontScale}; returns the problems found on all of them. */
    private List<String> walk(FxRobot robot, double fontScale, String shotSuffix) throws Exception {
        FakeEngine engine = engine();
        Wizard wizard = wizard(engine);
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            Scene s = new Scene(new WizardView(wizard, () -> { }).root(), 1024 * fontScale, 720 * fontScale);
            s.getRoot().setStyle("-fx-font-size: " + (13 * fontScale) + "px;");
            Styles.apply(s, "light");
            stage.setScene(s);
            stage.setWidth(1024 * fontScale);
            stage.setHeight(720 * fontScale);
            stage.show();
            return s;
        }).get(30, TimeUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        for (Page page : List.of(Page.WELCOME, Page.DISK, Page.PARTITIONS, Page.IMAGE, Page.SUMMARY, Page.DONE)) {
            robot.interact(() -> {
                if (page.compareTo(Page.PARTITIONS) >= 0 && wizard.frame().model().target().get() == null) {
                    wizard.frame().model().target().set(new TargetChoice.ImageFile(home.resolve("cos.img"), 8L << 30));
                }
                if (page == Page.DONE) {
                    // The failure screen: the install runs (fake, failing) and the frame moves to Done.
                    wizard.frame().show(Page.PROGRESS);
                } else {
                    wizard.frame().show(page);
                }
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            if (!shotSuffix.isEmpty()) {
                robot.interact(() -> Screenshots.save(scene, "wizard-" + page.name().toLowerCase() + shotSuffix));
            }
            List<String> found = WaitForAsyncUtils.asyncFx(() -> {
                List<String> out = new ArrayList<>();
                check(scene.getRoot(), scene.getRoot(), fontScale > 1, out);
                return out;
            }).get(30, TimeUnit.SECONDS);
            found.forEach(p -> problems.add(page + ": " + p));
        }
        return problems;
    }

    @Test
    void everyControlHasANameAndHelpOnEveryPage(FxRobot robot) throws Exception {
        assertEquals(List.of(), walk(robot, 1.0, "").stream().filter(p -> !p.contains("cut off")).toList());
    }

    @Test
    void nothingIsCutOffAtTwiceTheFontSize(FxRobot robot) throws Exception {
        assertEquals(List.of(), walk(robot, 2.0, "-200").stream().filter(p -> p.contains("cut off")).toList());
    }

    private static void check(Node node, Parent root, boolean checkElision, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Control control && operable(control)) {
            String name = accessibleName(control, root);
            if (name.isBlank()) {
                out.add(describe(control) + " has no accessible name");
            }
            boolean help = (control.getAccessibleHelp() != null && !control.getAccessibleHelp().isBlank())
                    || control.getTooltip() != null;
            if (!help && !(control instanceof TitledPane)) {
                out.add(describe(control) + " (\"" + name + "\") has no help text");
            }
        }
        if (checkElision && (node instanceof Label || node instanceof ButtonBase) && !((Labeled) node).getText().isEmpty()
                && !inside(node, "partition-segment")) {
            Labeled labeled = (Labeled) node;
            String expected = labeled.isMnemonicParsing() ? labeled.getText().replaceFirst("_", "") : labeled.getText();
            Node text = labeled.lookup(".text");
            if (text instanceof javafx.scene.text.Text shown && !labeled.isWrapText() && !shown.getText().equals(expected)) {
                out.add(describe(labeled) + " is cut off: \"" + shown.getText() + "\"");
            }
        }
        if (node instanceof Parent parent && !(node instanceof ListView<?>) && !(node instanceof TableView<?>)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                check(child, root, checkElision, out);
            }
        }
    }

    /** Controls a person operates (labels and scroll panes are not). */
    private static boolean operable(Control control) {
        return (control instanceof ButtonBase || control instanceof TextInputControl || control instanceof ComboBoxBase<?>
                || control instanceof Spinner<?> || control instanceof ListView<?> || control instanceof TableView<?>
                || control instanceof TitledPane) && !(control instanceof ScrollPane) && !inside(control, "spinner")
                && !inside(control, "combo-box-base") && !inside(control, "table-view") && !inside(control, "list-view");
    }

    private static boolean inside(Node node, String styleClass) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getStyleClass().contains(styleClass)) {
                return true;
            }
        }
        return false;
    }

    private static String accessibleName(Control control, Parent root) {
        if (control.getAccessibleText() != null && !control.getAccessibleText().isBlank()) {
            return control.getAccessibleText();
        }
        if (control instanceof Labeled labeled && !labeled.getText().isBlank()) {
            return labeled.getText();
        }
        if (control instanceof TitledPane pane && pane.getText() != null) {
            return pane.getText();
        }
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label label && label.getLabelFor() == control) {
                return label.getText();
            }
        }
        return "";
    }

    private static String describe(Node node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
    }
}
