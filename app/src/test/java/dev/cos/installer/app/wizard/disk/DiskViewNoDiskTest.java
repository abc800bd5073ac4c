package dev.cos.installer.app.wizard.disk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.Page;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The disk page on a machine with no disk to install on: the image file is chosen, Next works. */
@ExtendWith(ApplicationExtension.class)
class DiskViewNoDiskTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.vdaOnly();
        wizard = WizardStage.show(stage, engine, home.resolve("data/cos-demo.img"));
        wizard.wizard.frame().show(Page.DISK);
    }

    @Test
    void theImageFileIsTheDefault(FxRobot robot) {
        assertTrue(robot.lookup("#image-file-card").query().getStyleClass().contains("selected"));
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());
        robot.interact(() -> wizard.screenshots("wizard-disk-no-eligible"));
    }
}
