package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.Styles;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.testsupport.DeferredBackground;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Screenshots;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tray window in each state, fed from captured status answers, driven with the keyboard (headless). */
@ExtendWith(ApplicationExtension.class)
class TrayWindowTest {

    private static final String SOURCE_20 = "dir:///root/.cache/cos-installer/demo-image/trees/2.0-dbb761e6e0c328e3";

    private final FakeEngine engine = new FakeEngine();
    private final DeferredBackground background = new DeferredBackground();
    private final dev.cos.installer.app.testsupport.RecordingPower power = new dev.cos.installer.app.testsupport.RecordingPower();
    private final List<String> reboots = power.asked;
    private TrayViewModel tray;
    private final FakeDialogService dialogs = new FakeDialogService().openingFile(Path.of("/srv/cos-2.0.tar"))
            .choosingDirectory(Path.of("/srv/cos-2.0"));
    /** Moves 7 s on every look, so the upgrade's time line has something to say. */
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private Scene scene;

    @Start
    void start(Stage stage) {
        tray = new TrayViewModel(engine, background, power, dialogs, () -> now = now.plusSeconds(7), ZoneOffset.UTC);
        TrayWindow window = new TrayWindow(tray);
        scene = new Scene((javafx.scene.Parent) window.root(), 960, 760);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        window.initialFocus().requestFocus();
    }

    /** Runs every background job, also those the jobs start. */
    private void settle(FxRobot robot) {
        robot.interact(() -> {
            while (background.pending() > 0) {
                background.complete(0);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void show(FxRobot robot, String fixture) {
        engine.status = TrayFixtures.status(fixture);
        robot.interact(tray::refresh);
        settle(robot);
    }

    private void screenshots(FxRobot robot, String name) {
        robot.interact(() -> {
            Styles.apply(scene, "light");
            Screenshots.save(scene, "tray-" + name + "-light");
            Styles.apply(scene, "dark");
            Screenshots.save(scene, "tray-" + name + "-dark");
            Styles.apply(scene, "light");
        });
    }

    /** 1.0 installed; "Upgrade from a directory..." (Alt+D) picks the demo 2.0 tree, which the engine reads. */
    private void chooseTheDemo20Directory(FxRobot robot) {
        engine.sourceInfoBySource.put("/srv/cos-2.0", TrayFixtures.demo20());
        show(robot, "status-installed-active.json");
        robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        settle(robot);
    }

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Labeled l ? l.getText() : ((javafx.scene.control.TextInputControl) node).getText();
    }

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void upToDateShowsTheImagesSpaceAndHistory(FxRobot robot) {
        show(robot, "status-installed-active.json");

        assertEquals("Up to date", text(robot, "#tray-state"));
        assertEquals("cOS 1.0 is up to date", text(robot, "#tray-tooltip"));
        assertEquals("The computer started the system (active).", text(robot, "#tray-booted"));
        assertEquals("1.0", text(robot, "#tray-version-active"));
        assertEquals("sha256:092699d9c8fb978238651c405d08db6833b885d565ff4feeff897d9d4bb8714f",
                text(robot, "#tray-digest-recovery"));
        assertEquals("COS_STATE has 847 MiB free; the next upgrade needs 270 MiB and fits.", text(robot, "#tray-space"));
        assertEquals(List.of("2026-11-26 04:28  Installed 1.0"), robot.lookup("#tray-history").queryListView().getItems());
        assertFalse(visible(robot, "#tray-fallback"));
        assertFalse(visible(robot, "#tray-upgrade"));
        assertFalse(visible(robot, "#tray-upgrade-configured"), "no configured source");
        screenshots(robot, "up-to-date");
    }

    @Test
    void anUnverifiedConfiguredImageIsShownAsAWarningOnTheConfirmation(FxRobot robot) {
        String url = "http://lab.example.org/cos/nightly.squashfs";
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", url, true);
        engine.sourceInfoBySource.put(url, TrayFixtures.demo20Unverified(url));
        robot.interact(tray::refresh);
        settle(robot);
        assertFalse(visible(robot, "#tray-upgrade-unverified"), "no warning before an image is chosen");

        robot.clickOn("#tray-upgrade-configured");
        settle(robot);

        assertEquals("Upgrade to version 2.0? You are running 1.0.", text(robot, "#tray-upgrade-title"));
        assertTrue(visible(robot, "#tray-upgrade-unverified"));
        assertTrue(text(robot, "#tray-upgrade-unverified-text").startsWith("Unverified image: " + url + " publishes no digest,"),
                text(robot, "#tray-upgrade-unverified-text"));
        Node warning = robot.lookup("#tray-upgrade-unverified-text").query();
        assertTrue(warning.getStyleClass().contains("warning-title") && warning.getParent().getStyleClass().contains("warning-box"),
                "styled as a warning");
        screenshots(robot, "confirm-unverified");

        robot.clickOn("#tray-upgrade-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(visible(robot, "#tray-upgrade-unverified"));
    }

    @Test
    void anAvailableUpdateIsOfferedAndRunsFromTheKeyboard(FxRobot robot) {
        engine.sourceInfoBySource.put(SOURCE_20, TrayFixtures.demo20());
        show(robot, "status-rolledback-configured.json");
        assertEquals("Update available", text(robot, "#tray-state"));
        assertEquals("Version 2.0 is available from " + SOURCE_20 + ".", text(robot, "#tray-available"));
        assertEquals("Upgrade from " + SOURCE_20, robot.lookup("#tray-upgrade-configured").queryButton().getText()
                .replaceFirst("_", ""));
        screenshots(robot, "update-available");

        robot.press(KeyCode.ALT).type(KeyCode.U).release(KeyCode.ALT);
        settle(robot);
        assertEquals("Upgrade to version 2.0? You are running 1.0.", text(robot, "#tray-upgrade-title"));
        assertTrue(text(robot, "#tray-upgrade-facts").contains("Digest: sha256:5d76f10264"), text(robot, "#tray-upgrade-facts"));
        assertTrue(robot.lookup("#tray-upgrade-cancel").queryButton().isFocused(), "Cancel has the focus, not Start");
        screenshots(robot, "confirm");
        assertMnemonicsUnique(robot);

        engine.upgradeEvents = TrayFixtures.events("upgrade-2.0.jsonl");
        robot.press(KeyCode.ALT).type(KeyCode.S).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Upgrading", text(robot, "#tray-state"));
        // Half of the engine's events, as they arrive while it writes.
        List<Event> events = engine.upgradeEvents;
        robot.interact(() -> events.subList(0, events.size() * 2 / 3).forEach(tray::apply));
        assertTrue(text(robot, "#tray-tooltip").startsWith("cOS: upgrading, "), text(robot, "#tray-tooltip"));
        assertTrue(text(robot, "#tray-upgrade-step").contains("of 10)"), text(robot, "#tray-upgrade-step"));
        screenshots(robot, "upgrading");

        engine.status = TrayFixtures.statusWithSource("status-upgraded-restart.json", SOURCE_20);
        settle(robot);
        assertEquals("Restart needed", text(robot, "#tray-state"));
        assertEquals("2.0", text(robot, "#tray-version-active"));
        assertTrue(visible(robot, "#tray-upgrade-restart"));
        assertTrue(robot.lookup("#tray-upgrade-restart").queryButton().isFocused());
        screenshots(robot, "restart-needed");
        assertMnemonicsUnique(robot);

        robot.press(KeyCode.ALT).type(KeyCode.L).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(visible(robot, "#tray-upgrade"), "Later closes the upgrade part");
        assertEquals("Restart needed", text(robot, "#tray-state"));
        assertEquals(List.of(), reboots);
    }

    @Test
    void aFailedUpgradeShowsTheFailurePanelAndRetryAsksAgain(FxRobot robot) {
        chooseTheDemo20Directory(robot);
        engine.upgradeEvents = List.of(new Event.StepStarted("T", "transition", "Building the system image", 6, 10),
                new Event.Error("T", "NO_SPACE", 28, "transition", "Building the system image",
                        "COS_STATE has too little free space for the new image: free 200 MiB on it, or choose a smaller image.",
                        "needed: 270 MiB\nfree: 70 MiB", ""));
        robot.clickOn("#tray-upgrade-start");
        settle(robot);

        assertEquals("The upgrade failed; the running system is unchanged.", text(robot, "#tray-upgrade-title"));
        assertTrue(visible(robot, "#tray-upgrade-failure"));
        assertEquals("COS_STATE has too little free space for the new image: free 200 MiB on it, or choose a smaller image."
                + " (Building the system image)", text(robot, "#tray-upgrade-failure-message"));
        assertFalse(visible(robot, "#tray-upgrade-facts"), "the panel says it, not the facts line as well");
        robot.clickOn("#tray-upgrade-failure-details");
        assertTrue(visible(robot, "#tray-upgrade-failure-log"), "the upgrade's log is there to read");
        screenshots(robot, "upgrade-failed");
        assertMnemonicsUnique(robot);

        robot.clickOn("#tray-upgrade-failure-retry");
        settle(robot);
        assertEquals("Upgrade to version 2.0? You are running 1.0.", text(robot, "#tray-upgrade-title"), "asks again");
        assertFalse(visible(robot, "#tray-upgrade-failure"));
    }

    @Test
    void aDirectoryChosenIsCheckedBeforeAnything(FxRobot robot) {
        chooseTheDemo20Directory(robot);
        assertEquals("Upgrade to version 2.0? You are running 1.0.", text(robot, "#tray-upgrade-title"));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(visible(robot, "#tray-upgrade"), "Escape cancels");
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("upgrade")));
    }

    @Test
    void theFallbackNoticeOffersBothChoices(FxRobot robot) {
        show(robot, "status-upgraded-fallback.json");
        assertEquals("Running the fallback system", text(robot, "#tray-state"));
        assertEquals("Version 2.0 failed to start, so your computer is running the previous version 1.0.",
                text(robot, "#tray-fallback-notice"));
        assertTrue(robot.lookup("#tray-rehearse").queryButton().isDisabled());
        screenshots(robot, "fallback");
        assertMnemonicsUnique(robot);

        robot.press(KeyCode.ALT).type(KeyCode.T).release(KeyCode.ALT);
        settle(robot);
        assertTrue(engine.calls.contains("bootentry active"), engine.calls.toString());
        assertEquals("The updated system starts again with the next start.", text(robot, "#tray-message"));
    }

    @Test
    void aRehearsalIsRequestedAndItsStateShown(FxRobot robot) {
        show(robot, "status-upgraded-active.json");
        Button rehearse = robot.lookup("#tray-rehearse").queryButton();
        assertFalse(rehearse.isDisabled());
        engine.status = TrayFixtures.status("status-rehearsal-pending.json");
        robot.press(KeyCode.ALT).type(KeyCode.H).release(KeyCode.ALT);
        settle(robot);
        assertTrue(engine.calls.contains("bootentry passive --once --rehearsal"), engine.calls.toString());
        assertTrue(text(robot, "#tray-rehearsal").startsWith("A rollback rehearsal was requested 2026-11-26 04:30"));
        assertTrue(rehearse.isDisabled(), "one is pending");
        ListView<?> history = robot.lookup("#tray-history").queryListView();
        assertEquals("2026-11-26 04:30  Rollback rehearsal requested", history.getItems().get(0));
        screenshots(robot, "rehearsal-pending");
    }

    @Test
    void everyButtonHasAnAccessibleHelpAndTheTabOrderReachesThem(FxRobot robot) {
        show(robot, "status-installed-active.json");
        for (Node node : robot.lookup(n -> n instanceof Button && n.isVisible()).queryAll()) {
            Button b = (Button) node;
            assertFalse(b.getAccessibleHelp() == null || b.getAccessibleHelp().isBlank(), b.getId());
            assertTrue(b.isMnemonicParsing(), b.getId());
        }
        assertMnemonicsUnique(robot);
        List<String> focused = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Node owner = scene.getFocusOwner();
            if (owner != null && owner.getId() != null && !focused.contains(owner.getId())) {
                focused.add(owner.getId());
            }
            robot.type(KeyCode.TAB);
        }
        assertTrue(focused.containsAll(List.of("tray-refresh", "tray-upgrade-file", "tray-upgrade-dir",
                "tray-upgrade-recovery", "tray-rehearse", "tray-history")), focused.toString());
    }

    /** The Alt letters of the buttons visible together never clash. */
    private static void assertMnemonicsUnique(FxRobot robot) {
        List<String> letters = new ArrayList<>();
        for (Node node : robot.lookup(n -> n instanceof javafx.scene.control.ButtonBase && n.isVisible()).queryAll()) {
            String text = ((Labeled) node).getText();
            int at = text.indexOf('_');
            if (at >= 0) {
                String letter = text.substring(at + 1, at + 2).toLowerCase(java.util.Locale.ROOT);
                assertFalse(letters.contains(letter), "Alt+" + letter + " twice: " + text);
                letters.add(letter);
            }
        }
        assertTrue(letters.size() >= 5, letters.toString());
    }

    @Test
    void anUnreadableStatusSaysSo(FxRobot robot) {
        engine.status = null;
        engine.failure = new dev.cos.installer.app.engine.EngineException("NOT_AUTHORIZED", 126,
                "Not authorized: you may not run the installer engine as administrator.", "");
        robot.interact(tray::refresh);
        settle(robot);
        assertEquals("Status not known", text(robot, "#tray-state"));
        assertEquals("Could not read the system status: Not authorized: you may not run the installer engine as administrator.",
                text(robot, "#tray-message"));
        screenshots(robot, "unknown");
    }
}
