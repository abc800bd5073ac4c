package dev.cos.installer.app.wizard.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.Styles;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.window.WizardView;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The summary page in the wizard frame, driven with the keyboard and the mouse (headless). */
@ExtendWith(ApplicationExtension.class)
class SummaryViewTest {

    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.plan = Fixtures.plan("plan-16g-disk.json");
        WizardModel model = new WizardModel(Path.of("/home/a/cos.img"));
        DiskList disks = Fixtures.disks("disks-loop.json");
        model.disks().set(disks);
        model.target().set(new TargetChoice.Disk(disks.disks().get(0)));
        model.sourceInfo().set(new dev.cos.installer.api.SourceInfo(engine.plan.source().uri(), "cOS demo 1.0", "1.0",
                engine.plan.source().bytes(), engine.plan.source().treeBytes(), engine.plan.source().digest()));
        wizard = Wizard.create(model, engine, new SameThreadBackground(), new FakeDialogService());
        scene = new Scene(new WizardView(wizard, () -> { }).root(), 960, 720);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        wizard.frame().show(Page.SUMMARY);
    }

    @Test
    void installIsDisabledUntilTheTickAndCancelHasTheFocus(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Button next = robot.lookup("#next").queryButton();
        Button cancel = robot.lookup("#cancel").queryButton();
        CheckBox tick = robot.lookup("#summary-acknowledge").queryAs(CheckBox.class);

        assertTrue(cancel.isFocused(), "Cancel has the focus, not the destructive button");
        assertEquals("Erase /dev/loop0 and _install", next.getText());
        assertTrue(next.getStyleClass().contains("danger"));
        assertFalse(next.isDefaultButton(), "Enter never erases a disk");
        assertTrue(next.isDisabled());

        tabTo(robot, tick);
        robot.type(KeyCode.SPACE);
        assertTrue(tick.isSelected());
        assertFalse(next.isDisabled());

        tabTo(robot, next);
        robot.type(KeyCode.TAB);
        tabTo(robot, cancel);

        robot.clickOn(tick);
        assertFalse(tick.isSelected());
        assertTrue(next.isDisabled(), "unticked with the mouse: Install is off again");
    }

    @Test
    void showsTheWarningAndTheExactCommands(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#summary-warning").queryLabeled().getText().startsWith("All data on /dev/loop0 will be erased"));
        robot.clickOn("#summary-commands-pane");
        WaitForAsyncUtils.waitForFxEvents();
        String commands = robot.lookup("#summary-commands").queryTextInputControl().getText();
        assertTrue(commands.startsWith("wipefs --all /dev/loop0"), commands);
    }

    @Test
    void screenshotsLightAndDark(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(Screenshots.save(scene, "wizard-summary-light")));
        robot.interact(() -> Styles.apply(scene, "dark"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(Screenshots.save(scene, "wizard-summary-dark")));
    }

    /** Presses Tab until {@code target} has the focus: proves it is reachable by keyboard. */
    static void tabTo(FxRobot robot, Node target) {
        for (int i = 0; i < 40 && !target.isFocused(); i++) {
            robot.type(KeyCode.TAB);
        }
        assertTrue(target.isFocused(), target.getId() + " is reachable with Tab");
    }
}
