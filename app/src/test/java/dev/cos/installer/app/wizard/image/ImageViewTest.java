package dev.cos.installer.app.wizard.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.WizardModel;
import dev.cos.installer.app.wizard.window.WizardView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The image page in the wizard frame, driven with the keyboard and the mouse (headless). */
@ExtendWith(ApplicationExtension.class)
class ImageViewTest {

    private static final SourceInfo DEMO = new SourceInfo("dir:///cache/demo/1.0", "cOS demo 1.0", "1.0", 12_668_776,
            13_844_328, "sha256:7d7ee175f05594bdf018bd35064b3d725ef2393d83ab9a97f1fa7c708d37497f");

    private static final String URL = "http://lab.example.org/cos/nightly.squashfs";

    private final FakeEngine engine = new FakeEngine();
    private WizardModel model;
    private Scene scene;

    @Start
    void start(Stage stage) {
        engine.sourceInfo = DEMO;
        engine.sourceInfoBySource.put("/srv/rootfs.tar.xz", new SourceInfo("file:///srv/rootfs.tar.xz", "Tumbleweed",
                "20261120", 400L << 20, 1200L << 20, "sha256:" + "ab".repeat(32)));
        engine.inspectFailureBySource.put("/srv/notes.txt", new EngineException("SOURCE", 50,
                "source /srv/notes.txt is not in a format the installer reads: give a directory, a tar archive, a squashfs or an ext image", ""));
        engine.inspectFailureBySource.put(URL, new EngineException("SOURCE", 65, URL + " has no digest: add #sha256=<hex> to"
                + " the URL or publish " + URL + ".sha256; or pass --allow-unverified to install it unverified", ""));
        engine.sourceInfoBySource.put(URL, new SourceInfo(URL, "cOS nightly", "2.1", 400L << 20, 1200L << 20,
                "sha256:" + "cd".repeat(32), true));
        model = new WizardModel(Path.of("/home/a/cos.img"));
        Wizard wizard = Wizard.create(model, engine, new SameThreadBackground(), new FakeDialogService());
        scene = new Scene(new WizardView(wizard, () -> { }).root(), 960, 600);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        wizard.frame().show(Page.IMAGE);
    }

    @Test
    void theDemoImageIsCheckedAndShownAtOnce(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#image-demo").queryAs(RadioButton.class).isSelected());
        assertEquals("cOS demo 1.0", robot.lookup("#image-name").queryTextInputControl().getText());
        assertEquals(DEMO.digest(), robot.lookup("#image-digest").queryTextInputControl().getText());
        assertFalse(robot.lookup("#next").queryButton().isDisabled());
    }

    @Test
    void typingAPathAndEnterChecksThatImage(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#image-other");
        assertTrue(robot.lookup("#next").queryButton().isDisabled(), "no path yet");
        robot.clickOn("#image-path").write("/srv/rootfs.tar.xz").type(KeyCode.ENTER);

        assertEquals("Tumbleweed", robot.lookup("#image-name").queryTextInputControl().getText());
        assertEquals("20261120", robot.lookup("#image-version").queryTextInputControl().getText());
        assertEquals(Optional.of("/srv/rootfs.tar.xz"), model.source().get());
        assertFalse(robot.lookup("#next").queryButton().isDisabled());
        Screenshots.save(scene, "wizard-image-light");
        robot.interact(() -> Styles.apply(scene, "dark"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(Screenshots.save(scene, "wizard-image-dark")));
    }

    @Test
    void aRefusedImageShowsWhyAndNextStaysOff(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#image-other");
        robot.clickOn("#image-path").write("/srv/notes.txt").type(KeyCode.ENTER);

        assertTrue(robot.lookup("#image-error").queryLabeled().isVisible());
        assertTrue(robot.lookup("#image-error").queryLabeled().getText().startsWith("source /srv/notes.txt is not in a format"));
        assertTrue(robot.lookup("#next").queryButton().isDisabled());
        Screenshots.save(scene, "wizard-image-refused-light");

        // Back to the demo with the keyboard: Shift+Tab to the choice, Up arrow selects the demo.
        RadioButton other = robot.lookup("#image-other").queryAs(RadioButton.class);
        for (int i = 0; i < 10 && !other.isFocused(); i++) {
            robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        }
        assertTrue(other.isFocused());
        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#image-demo").queryAs(RadioButton.class).isSelected());
        assertFalse(robot.lookup("#image-error").queryLabeled().isVisible());
        Button next = robot.lookup("#next").queryButton();
        assertFalse(next.isDisabled());
    }

    @Test
    void aUrlWithNoDigestCanBeAllowedAndIsThenShownAsAnUnverifiedImage(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#image-other");
        assertFalse(robot.lookup("#image-allow-unverified").query().isVisible(), "no opt-out for a path");
        robot.clickOn("#image-path").write(URL).type(KeyCode.ENTER);

        assertTrue(robot.lookup("#image-error").queryLabeled().getText().startsWith(URL + " has no digest"));
        assertTrue(robot.lookup("#image-allow-unverified").query().isVisible());
        assertFalse(robot.lookup("#image-unverified").query().isVisible());
        assertTrue(robot.lookup("#next").queryButton().isDisabled());

        robot.clickOn("#image-allow-unverified");
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(robot.lookup("#image-error").queryLabeled().isVisible());
        assertTrue(robot.lookup("#image-unverified").query().isVisible());
        javafx.scene.control.Labeled warning = robot.lookup("#image-unverified-text").queryLabeled();
        assertEquals("Unverified image: " + URL + " publishes no digest, so nothing checks that this is the image its"
                + " publisher meant or that it arrived undamaged. Install it only if you trust this server and the network"
                + " to it.", warning.getText());
        assertTrue(warning.getStyleClass().contains("warning-title")
                && robot.lookup("#image-unverified").query().getStyleClass().contains("warning-box"), "styled as a warning");
        assertEquals("cOS nightly", robot.lookup("#image-name").queryTextInputControl().getText());
        assertFalse(robot.lookup("#next").queryButton().isDisabled());
        Screenshots.save(scene, "wizard-image-unverified-light");
    }
}
