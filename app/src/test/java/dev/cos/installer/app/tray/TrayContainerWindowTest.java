package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.app.Styles;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.CutLabels;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Screenshots;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tray window of a system installed from a registry, at 1024 x 600 (headless). */
@ExtendWith(ApplicationExtension.class)
class TrayContainerWindowTest {

    private final FakeEngine engine = new FakeEngine();
    private final DeferredBackground background = new DeferredBackground();
    private TrayViewModel tray;
    private Scene scene;

    @Start
    void start(Stage stage) {
        tray = new TrayViewModel(engine, background, new SystemPower() {
            @Override
            public void reboot() {
            }

            @Override
            public void powerOff() {
            }
        }, new FakeDialogService(), () -> Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        TrayWindow window = new TrayWindow(tray);
        scene = new Scene((javafx.scene.Parent) window.root(), 1024, 600);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
    }

    private void settle(FxRobot robot) {
        robot.interact(() -> {
            while (background.pending() > 0) {
                background.complete(0);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void eachSlotShowsItsReferenceByTagAndAShortDigestWithTheFullOnesInTheirTooltips(FxRobot robot) {
        engine.status = TrayFixtures.statusWithContainerActive();
        robot.interact(tray::refresh);
        settle(robot);

        TextField source = robot.lookup("#tray-source-active").queryAs(TextField.class);
        TextField digest = robot.lookup("#tray-digest-active").queryAs(TextField.class);
        assertEquals("oci:registry.example.org/cos/system:1.1", source.getText());
        assertEquals("sha256:3f5a9c0e1b2d\u2026", digest.getText());
        assertEquals("oci:registry.example.org/cos/system@" + TrayFixtures.DIGEST_11, source.getTooltip().getText());
        assertEquals(TrayFixtures.DIGEST_11, digest.getTooltip().getText());
        assertEquals("sha256:092699d9c8fb978238651c405d08db6833b885d565ff4feeff897d9d4bb8714f",
                robot.lookup("#tray-digest-passive").queryAs(TextField.class).getText(), "a directory's digest in full, as before");
        Screenshots.save(scene, "tray-container-slot-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));
    }
}
