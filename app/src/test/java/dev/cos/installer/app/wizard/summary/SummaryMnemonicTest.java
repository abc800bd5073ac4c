package dev.cos.installer.app.wizard.summary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.engine.SourceInfo;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
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
 * Keyboard only, through the pages a person passes: Alt+U on the summary reaches the acknowledgement
 * and Space ticks it, Alt+I installs. JavaFX keeps the mnemonics of pages no longer shown in the scene, so a letter
 * used on an earlier page (the partitions page's UEFI was Alt+U) silently took the key.
 */
@ExtendWith(ApplicationExtension.class)
class SummaryMnemonicTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        engine.plan = Fixtures.plan("plan-16g-disk.json");
        wizard = WizardStage.show(stage, engine, home.resolve("data/cos-demo.img"));
        wizard.model.sourceInfo().set(new SourceInfo(engine.plan.source().uri(), "cOS demo 1.0", "1.0",
                engine.plan.source().bytes(), engine.plan.source().treeBytes(), engine.plan.source().digest()));
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

        // Alt+I is "Erase ... and _install" (the partitions page's BIOS had Alt+I and took it).
        robot.press(KeyCode.ALT, KeyCode.I).release(KeyCode.I, KeyCode.ALT);
        // The fake engine installs at once: the wizard is past the summary (progress, then done).
        assertTrue(wizard.wizard.frame().current().get().compareTo(Page.PROGRESS) >= 0, "Alt+I started the install");
    }
}
