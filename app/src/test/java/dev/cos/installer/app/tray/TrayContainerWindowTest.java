package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.Event;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.api.UpgradeCheck;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.testsupport.CutLabels;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.RecordingPower;
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
        tray = new TrayViewModel(engine, background, new RecordingPower(), new FakeDialogService(),
                () -> Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
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

    private static final String CONFIGURED = "oci:registry.example.org/cos/system:1.2";
    private static final String DIGEST_12 = "sha256:d00dfeed0123456789abcdef0123456789abcdef0123456789abcdef01234567";

    /** status with active from the registry (1.1) and upgrade.system.uri naming the tag 1.2. */
    private StatusAnswer configured() throws java.io.IOException {
        String json = dev.cos.installer.api.Json.mapper().writeValueAsString(TrayFixtures.statusWithContainerActive());
        return dev.cos.installer.api.Json.read(json.replace("\"upgradeSource\":null", "\"upgradeSource\":\"" + CONFIGURED + "\""),
                StatusAnswer.class);
    }

    private static String text(FxRobot robot, String id) {
        javafx.scene.Node node = robot.lookup(id).query();
        return node instanceof javafx.scene.control.Labeled l ? l.getText()
                : ((javafx.scene.control.TextInputControl) node).getText();
    }

    @Test
    void aNewDigestUnderTheConfiguredTagIsAnUpdateThatInstallsThatDigestWithProgress(FxRobot robot) throws Exception {
        engine.status = configured();
        engine.upgradeCheck = new UpgradeCheck(CONFIGURED, CONFIGURED + "@" + DIGEST_12, "1.2", DIGEST_12, "active",
                "oci:registry.example.org/cos/system@" + TrayFixtures.DIGEST_11, TrayFixtures.DIGEST_11, true);
        robot.interact(tray::refresh);
        settle(robot);

        assertTrue(engine.calls.contains("upgrade-check " + CONFIGURED), engine.calls.toString());
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("inspect")), "nothing downloaded to check: " + engine.calls);
        assertEquals("Update available", text(robot, "#tray-state"));
        assertEquals("Update available: 1.2 (sha256:d00dfeed0123\u2026)", text(robot, "#tray-available"));
        assertEquals("cOS: version 1.2 is available (running 1.0)", tray.tooltip().get());
        Screenshots.save(scene, "tray-container-update-available-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));

        robot.clickOn("#tray-upgrade-configured");
        settle(robot);
        assertEquals("Upgrade to version 1.2? You are running 1.0.", text(robot, "#tray-upgrade-title"));
        assertTrue(text(robot, "#tray-upgrade-facts").contains("Digest: " + DIGEST_12), text(robot, "#tray-upgrade-facts"));
        Screenshots.save(scene, "tray-container-confirm-light");

        engine.upgradeEvents = TrayFixtures.events("upgrade-2.0.jsonl");
        robot.clickOn("#tray-upgrade-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Upgrading", text(robot, "#tray-state"));
        List<Event> events = engine.upgradeEvents;
        robot.interact(() -> events.subList(0, events.size() * 2 / 3).forEach(tray::apply));
        assertTrue(text(robot, "#tray-upgrade-step").contains("of 10)"), text(robot, "#tray-upgrade-step"));
        Screenshots.save(scene, "tray-container-upgrading-light");
        settle(robot);
        assertTrue(engine.calls.contains("upgrade " + CONFIGURED + "@" + DIGEST_12), "the digest that was checked, not the"
                + " tag again: " + engine.calls);
    }

    @Test
    void withCosignOnTheOfferedUpdateSaysWhichKeySignedIt(FxRobot robot) throws Exception {
        engine.status = configured();
        engine.upgradeCheck = new UpgradeCheck(CONFIGURED, CONFIGURED + "@" + DIGEST_12, "1.2", DIGEST_12, "active",
                "oci:registry.example.org/cos/system@" + TrayFixtures.DIGEST_11, TrayFixtures.DIGEST_11, true,
                "sha256:0123456789abcdef");
        robot.interact(tray::refresh);
        settle(robot);

        assertEquals("Update available: 1.2 (sha256:d00dfeed0123\u2026), signed by key sha256:0123456789abcdef",
                text(robot, "#tray-available"));
        Screenshots.save(scene, "tray-container-update-signed-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));
    }

    @Test
    void theRunningDigestIsUpToDateAndRefreshAndThePeriodicCheckAskAgain(FxRobot robot) throws Exception {
        engine.status = configured();
        engine.upgradeCheck = new UpgradeCheck(CONFIGURED, CONFIGURED + "@" + TrayFixtures.DIGEST_11, "1.2",
                TrayFixtures.DIGEST_11, "active", "oci:registry.example.org/cos/system@" + TrayFixtures.DIGEST_11,
                TrayFixtures.DIGEST_11, false);
        robot.interact(tray::refresh);
        settle(robot);

        assertEquals("Up to date", text(robot, "#tray-state"));
        assertEquals("Up to date: " + CONFIGURED + " is the running system (sha256:3f5a9c0e1b2d\u2026)",
                text(robot, "#tray-available"));
        Screenshots.save(scene, "tray-container-up-to-date-light");
        assertEquals(List.of(), CutLabels.under(scene.getRoot()));

        robot.clickOn("#tray-refresh");
        settle(robot);
        robot.interact(tray::checkForUpdate);
        settle(robot);
        assertEquals(3, engine.calls.stream().filter(c -> c.equals("upgrade-check " + CONFIGURED)).count(), engine.calls.toString());
    }
}
