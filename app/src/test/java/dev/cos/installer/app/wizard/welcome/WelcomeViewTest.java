package dev.cos.installer.app.wizard.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.SystemCheck;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.Page;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The welcome page in the wizard window: one row per check, Next only when nothing blocks. */
@ExtendWith(ApplicationExtension.class)
class WelcomeViewTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.check = new SystemCheck("bios", false, List.of(new SystemCheck.Tool("sgdisk", "gdisk", false)), List.of("gdisk"));
        engine.disks = Fixtures.vdaOnly();
        wizard = WizardStage.show(stage, engine, home.resolve("cos.img"));
        wizard.wizard.frame().show(Page.WELCOME);
    }

    @Test
    void aMissingToolBlocksUntilCheckedAgain(FxRobot robot) {
        assertEquals(4, robot.lookup(".check-row").queryAll().size());
        Node tools = robot.lookup(".check-tools").query();
        assertTrue(tools.getStyleClass().contains("failed"));
        assertEquals("Failed: Missing system tools: sgdisk. Install them with: apt-get install gdisk", tools.getAccessibleText());
        assertTrue(robot.lookup(".check-disks").query().getStyleClass().contains("note"));
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#welcome-version").queryAs(Label.class).getText().startsWith("Development build")
                || robot.lookup("#welcome-version").queryAs(Label.class).getText().startsWith("Version "));
        robot.interact(() -> wizard.screenshots("wizard-welcome-blocked"));

        wizard.engine.check = Fixtures.check();
        robot.clickOn("#welcome-recheck");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup(".check-tools").query().getStyleClass().contains("passed"));
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());
        robot.interact(() -> wizard.screenshots("wizard-welcome"));
    }

    @Test
    void checkAgainHasAKeyboardMnemonic(FxRobot robot) {
        wizard.engine.check = Fixtures.check();
        robot.press(javafx.scene.input.KeyCode.ALT).type(javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());
    }
}
