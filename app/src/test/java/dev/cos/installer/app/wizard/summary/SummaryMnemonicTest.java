package dev.cos.installer.app.wizard.summary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.Page;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Keyboard only, through the pages a person passes (as LiveIsoInstallIT does): Alt+U on the summary
 * reaches the acknowledgement and Space ticks it, Alt+I installs, after the partitions page showed
 * "_UEFI" (Alt+U) and "B_IOS" (Alt+I). JavaFX left the partitions page's keys in the scene's mnemonic
 * table, where they silently took the keys; the frame tidies the table (WizardMnemonicTest).
 */
@ExtendWith(ApplicationExtension.class)
class SummaryMnemonicTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = FakeEngine.diskInstall();
        wizard = WizardStage.show(stage, engine, home.resolve("data/cos-demo.img"));
        wizard.model.sourceInfo().set(engine.sourceInfo); // the image page is skipped
    }

    @Test
    void afterThePartitionsPageAltUSpaceAndAltIStartTheInstall(FxRobot robot) {
        robot.interact(() -> wizard.wizard.frame().show(Page.DISK));
        robot.type(KeyCode.SPACE);
        robot.interact(() -> wizard.wizard.frame().show(Page.PARTITIONS));
        robot.interact(() -> wizard.wizard.frame().show(Page.SUMMARY));
        CheckBox tick = robot.lookup("#summary-acknowledge").queryAs(CheckBox.class);
        assertFalse(tick.isDisabled(), "the plan is shown");

        robot.press(KeyCode.ALT, KeyCode.U).release(KeyCode.U, KeyCode.ALT);
        assertTrue(tick.isFocused(), "Alt+U goes to the acknowledgement, not to a control of an earlier page");
        robot.type(KeyCode.SPACE);
        assertTrue(tick.isSelected());
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled(), "Install is enabled");

        // Alt+I is "Erase ... and _install" (the partitions page's "B_IOS" has Alt+I too).
        robot.press(KeyCode.ALT, KeyCode.I).release(KeyCode.I, KeyCode.ALT);
        // The fake engine installs at once: the wizard is past the summary (progress, then done).
        assertTrue(wizard.wizard.frame().current().get().compareTo(Page.PROGRESS) >= 0, "Alt+I started the install");
    }
}
