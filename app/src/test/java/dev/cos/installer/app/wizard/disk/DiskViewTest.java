package dev.cos.installer.app.wizard.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The disk page in the wizard window, driven by keyboard and mouse, over the five-loop-device listing. */
@ExtendWith(ApplicationExtension.class)
class DiskViewTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        wizard = WizardStage.show(stage, engine, home.resolve("data/cos-demo.img"));
        wizard.wizard.frame().show(Page.DISK);
    }

    private boolean selected(FxRobot robot, String id) {
        return robot.lookup(id).query().getStyleClass().contains("selected");
    }

    @Test
    void arrowKeysMoveBetweenCardsAndSpaceChoosesOnlyUsableDisks(FxRobot robot) {
        assertEquals(7, robot.lookup(".disk-card").queryAll().size(), "six disks and the image file");
        assertTrue(robot.lookup("#disk-card-loop3").query().getStyleClass().contains("unavailable"));
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled(), "nothing chosen yet");
        robot.interact(() -> wizard.screenshots("wizard-disk-unchosen"));

        robot.interact(() -> robot.lookup("#disk-card-loop0").query().requestFocus());
        robot.type(KeyCode.DOWN);
        assertTrue(robot.lookup("#disk-card-loop1").query().isFocused());
        robot.type(KeyCode.SPACE);
        assertTrue(selected(robot, "#disk-card-loop1"));
        assertEquals("/dev/loop1", wizard.model.target().get().path());
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());

        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        assertTrue(robot.lookup("#disk-card-loop2").query().isFocused());
        assertFalse(selected(robot, "#disk-card-loop2"), "a disk that is too small cannot be chosen");
        assertEquals("/dev/loop1", wizard.model.target().get().path());
        assertEquals(Page.DISK, wizard.wizard.frame().current().get(), "Enter on a card does not press Next");
        robot.interact(() -> wizard.screenshots("wizard-disk"));
    }

    @Test
    void theImageFileCardIsChosenByClickingAndItsSizeIsValidated(FxRobot robot) {
        // Reached with the keyboard, the card scrolls into view; then a click chooses it.
        robot.interact(() -> robot.lookup("#image-file-card").query().requestFocus());
        robot.clickOn("#image-file-card .disk-card-title");
        assertTrue(selected(robot, "#image-file-card"));
        assertInstanceOf(TargetChoice.ImageFile.class, wizard.model.target().get());

        robot.doubleClickOn("#image-size").eraseText(4).write("2G");
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#image-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertEquals("2.0 GiB is smaller than the 4.0 GiB an installation needs: enter at least 4G.", problem.getText());
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled());
        assertNull(wizard.model.target().get());
        robot.interact(() -> wizard.screenshots("wizard-disk-image-problem"));

        robot.eraseText(2).write("16G");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(problem.isVisible());
        assertEquals(16L << 30, wizard.model.target().get().sizeBytes());
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());
    }

    @Test
    void aCosInstallIsFlaggedAndAnUnusableDiskShowsItsReason(FxRobot robot) {
        Node installed = robot.lookup("#disk-card-loop0").query();
        assertTrue(robot.from(installed).lookup(".disk-card-warning").queryAs(Label.class).getText()
                .equals("cOS is installed here: installing replaces it."));
        Node mounted = robot.lookup("#disk-card-loop3").query();
        assertEquals("/dev/loop3 is mounted at /tmp/pa-fix/mnt: unmount it first",
                robot.from(mounted).lookup(".disk-card-reason").queryAs(Label.class).getText());
        assertTrue(mounted.getAccessibleText().contains("Cannot be used"), mounted.getAccessibleText());
    }
}
