package dev.cos.installer.app.wizard;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.window.WizardView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.Styles;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.Screenshots;
import dev.cos.installer.app.wizard.progress.ProgressViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The failure path in the wizard window: an engine failure mid-install shows the Failure screen with
 * the step and the message; Retry goes back to the summary with every answer kept, asks for a fresh
 * yes, and a second install succeeds. Screenshots of the progress, failure and success screens.
 */
@ExtendWith(ApplicationExtension.class)
class WizardFailureTest {

    private static final Path IMAGE = Path.of("/tmp/cos-failure-test.img");

    private final FakeEngine engine = new FakeEngine();
    private final DeferredBackground background = new DeferredBackground();
    private WizardModel model;
    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) {
        model = new WizardModel(IMAGE);
        model.target().set(new TargetChoice.ImageFile(IMAGE, 8L << 30));
        model.sourceInfo().set(new SourceInfo("dir:///demo", "cOS demo 1.0", "1.0", 12668776, 13844328, "sha256:7d7e"));
        engine.plan = Fixtures.plan8g();
        wizard = Wizard.create(model, engine, background, new FakeDialogService());
        scene = new Scene(new WizardView(wizard, () -> { }).root(), 1024, 720);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
    }

    private void shots(String name) {
        Screenshots.save(scene, name + "-light");
        Styles.apply(scene, "dark");
        Screenshots.save(scene, name + "-dark");
        Styles.apply(scene, "light");
    }

    /** On the summary: lets the plan arrive, ticks the acknowledgement and clicks Install. */
    private void confirmAndInstall(FxRobot robot) {
        assertEquals(Page.SUMMARY, wizard.frame().current().get());
        assertEquals(1, background.pending(), "the summary plans once when shown");
        robot.interact(() -> background.complete(0)); // the plan arrives
        assertTrue(robot.lookup("#next").query().isDisabled(), "a fresh yes is needed for every install");
        assertFalse(robot.lookup("#summary-acknowledge").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#summary-acknowledge");
        robot.clickOn("#next");
        assertEquals(Page.PROGRESS, wizard.frame().current().get());
    }

    @Test
    void aFailedStepShowsTheFailureScreenAndRetryInstallsAgainWithEveryAnswerKept(FxRobot robot) {
        engine.installEvents = List.of(
                new Event.Start("T", "install", Map.of("log", "/var/log/cos-installer/cos-installer-1.log")),
                new Event.StepStarted("T", "format", "Creating filesystems", 4, 12),
                new Event.Error("T", "FORMAT", 52, "format", "Creating filesystems",
                        "mkfs.ext4 could not create COS_STATE on /dev/loop3p5: the device is busy",
                        "command: mkfs.ext4 -F -q -L COS_STATE /dev/loop3p5\nexit code: 1\nstderr: /dev/loop3p5 is apparently in use",
                        "/var/log/cos-installer/cos-installer-1.log"));
        robot.interact(() -> wizard.frame().show(Page.SUMMARY));
        confirmAndInstall(robot);

        // Mid-install: what the progress screen shows while the engine works.
        ProgressViewModel progress = (ProgressViewModel) wizard.frame().page(Page.PROGRESS);
        robot.interact(() -> {
            progress.apply(new Event.StepStarted("T", "unpack", "Writing the system image (active.img)", 6, 12));
            progress.apply(new Event.Progress("T", "unpack", 0.42, 0.5, 0, 0));
            progress.apply(new Event.Log("T", "info", "active.img: 270 MiB ext2, 812 files"));
        });
        robot.clickOn("#log-pane");
        assertTrue(robot.lookup("#install-log").queryAs(ListView.class).getItems().size() >= 2, "the live log shows lines");
        assertEquals("Writing the system image (active.img)", robot.lookup("#current-step").queryAs(Labeled.class).getText());
        robot.interact(() -> shots("wizard-progress"));

        robot.interact(() -> background.complete(0)); // the engine fails
        assertEquals(Page.DONE, wizard.frame().current().get());
        assertEquals("The installation failed", text(robot, "#done-title"));
        assertEquals("Failed while: Creating filesystems\nmkfs.ext4 could not create COS_STATE on /dev/loop3p5: the device is busy",
                text(robot, "#done-failure-message"));
        assertTrue(robot.lookup("#done-failure-retry").query().isVisible());
        assertTrue(robot.lookup("#done-failure-save-log").query().isVisible());
        assertFalse(robot.lookup("#reboot").query().isVisible(), "no reboot into a half-written disk");
        robot.clickOn("#done-failure-details");
        robot.interact(() -> shots("wizard-failure"));

        // Retry: the summary again, same answers, a new plan, a fresh yes.
        engine.installEvents = List.of(Event.Result.success(21000, Map.of("state", "945 MiB COS_STATE")));
        robot.clickOn("#done-failure-retry");
        assertEquals(Page.SUMMARY, wizard.frame().current().get());
        assertEquals(IMAGE.toString(), model.target().get().path(), "the answers are kept");
        confirmAndInstall(robot);
        robot.interact(() -> background.complete(0));
        assertEquals("cOS is installed", text(robot, "#done-title"));
        assertEquals(List.of("plan", "install", "plan", "install"), engine.calls);
        assertEquals(1, engine.requests.stream().distinct().count(), "every plan and install had the same answers");
        robot.interact(() -> shots("wizard-done"));
    }

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return ((Labeled) node).getText();
    }
}
