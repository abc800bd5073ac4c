package dev.cos.installer.app.wizard.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.wizard.Page;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The disk list arrives after the page is shown (as it does from the real engine): the keyboard focus
 * then moves from the image file card, the only card until then, to the first usable disk, so that
 * Space chooses a disk, as it would after a person's own Tab.
 */
@ExtendWith(ApplicationExtension.class)
class DiskFocusTest {

    @TempDir
    static Path home;

    private final DeferredBackground background = new DeferredBackground();
    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        wizard = WizardStage.show(stage, engine, home.resolve("data/cos-demo.img"), background);
    }

    /**
     * A Space typed right after Next, dispatched before anything the page queued for later (as a slow
     * machine's event queue does), reaches the first usable disk.
     */
    @Test
    void aSpaceTypedAtOnceAfterNextChoosesTheFirstUsableDisk(FxRobot robot) {
        robot.interact(() -> wizard.wizard.frame().show(Page.WELCOME));
        robot.interact(() -> {
            while (background.pending() > 0) {
                background.complete(0);
            }
        });
        robot.interact(() -> {
            wizard.wizard.frame().next();
            javafx.scene.Node focused = wizard.scene.getFocusOwner();
            javafx.event.Event.fireEvent(focused, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                    " ", " ", KeyCode.SPACE, false, false, false, false));
        });
        assertEquals("/dev/loop0", wizard.model.target().get().path());
    }

    /** The list already there when the page shows (the welcome page's checks listed the disks). */
    @Test
    void whenTheListIsThereAlreadySpaceChoosesTheFirstUsableDisk(FxRobot robot) {
        robot.interact(() -> wizard.wizard.frame().show(Page.WELCOME));
        while (background.pending() > 0) {
            robot.interact(() -> background.complete(0));
        }
        robot.interact(() -> wizard.wizard.frame().show(Page.DISK));
        robot.interact(() -> {
            while (background.pending() > 0) {
                background.complete(0);
            }
        });
        assertEquals(7, robot.lookup(".disk-card").queryAll().size());
        assertTrue(robot.lookup("#disk-card-loop0").query().isFocused(), "the first usable disk has the focus");
        robot.type(KeyCode.SPACE);
        assertEquals("/dev/loop0", wizard.model.target().get().path());
    }

    @Test
    void whenTheListArrivesSpaceChoosesTheFirstUsableDisk(FxRobot robot) {
        robot.interact(() -> wizard.wizard.frame().show(Page.DISK));
        assertEquals(1, robot.lookup(".disk-card").queryAll().size(), "before the list: the image file card alone");
        assertTrue(robot.lookup("#image-file-card").query().isFocused());
        robot.interact(() -> background.complete(0));
        assertEquals(7, robot.lookup(".disk-card").queryAll().size());
        assertTrue(robot.lookup("#disk-card-loop0").query().isFocused(), "the first usable disk has the focus");
        robot.type(KeyCode.SPACE);
        assertEquals("/dev/loop0", wizard.model.target().get().path());
    }
}
