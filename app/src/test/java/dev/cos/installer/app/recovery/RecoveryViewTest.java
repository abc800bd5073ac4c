package dev.cos.installer.app.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.Styles;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The recovery screen in a window, fed with diagnoses and event streams captured from real runs on a
 * demo install (healthy, COS_OEM damaged, after the repair, a failed repair); light and dark screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryViewTest {

    @TempDir
    static Path dir;

    private final FakeEngine engine = new FakeEngine();
    private RecoveryViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        engine.repairCatalog = Fixtures.repairCatalog();
        viewModel = new RecoveryViewModel(engine, new SameThreadBackground(), SystemPower.systemctl(), new FakeDialogService().savingTo(dir.resolve("bundle.zip")), Optional.empty(),
                Optional.of(Path.of("/tmp/recov-r.img")));
        RecoveryView view = new RecoveryView(viewModel);
        scene = new Scene((javafx.scene.Parent) view.root(), 1280, 800);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
    }

    private void diagnose(FxRobot robot, String... fixtures) {
        for (String name : fixtures) {
            engine.diagnoses.add(Fixtures.diagnosis(name));
        }
        robot.interact(viewModel::start);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshots(FxRobot robot, String name) {
        robot.interact(() -> {
            Styles.apply(scene, "light");
            Screenshots.save(scene, "recovery-" + name + "-light");
            Styles.apply(scene, "dark");
            Screenshots.save(scene, "recovery-" + name + "-dark");
            Styles.apply(scene, "light");
        });
    }

    @Test
    void aHealthySystemSaysSoInLargeTextAndOffersEveryActionButReboot(FxRobot robot) {
        diagnose(robot, "diagnose-healthy.json");
        Label headline = robot.lookup("#recovery-headline").queryAs(Label.class);
        assertEquals("The system is healthy", headline.getText());
        assertTrue(headline.getStyleClass().contains("ok-text"));
        double bodyText = robot.lookup("#action-fsck").queryAs(Button.class).getFont().getSize();
        assertTrue(bodyText >= 1.4 * Font.getDefault().getSize() - 0.5, "large text: " + bodyText);
        assertFalse(robot.lookup("#action-fsck").queryAs(Button.class).isDisabled());
        assertFalse(robot.lookup("#action-reset").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#action-reboot").queryAs(Button.class).isDisabled(), "offline: no reboot of this machine");
        assertEquals("Not offered: this screen works on a disk image, not on the running system.",
                robot.lookup("#reason-reboot").queryAs(Label.class).getText());
        assertEquals(0, robot.lookup(".check-row.failed").queryAll().size());
        screenshots(robot, "healthy");
    }

    @Test
    void aFallbackIsExplainedInPlainWordsWithRollbackRecommended(FxRobot robot) {
        diagnose(robot, "diagnose-fallback.json");
        assertEquals("One warning: the system should still start", robot.lookup("#recovery-headline").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#action-rollback").queryAs(Button.class).getStyleClass().contains("recommended"));
        assertTrue(robot.lookup("#action-rollback").queryAs(Button.class).isFocused());
        assertTrue(robot.lookup("#action-reset").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#option-reset-persistent").query().isDisabled(), "no erase option for a reset that cannot run");
        assertTrue(robot.lookup(".recovery-finding").query().getStyleClass().contains("warning"));
        screenshots(robot, "fallback");
    }

    @Test
    void aFallbackToRecoveryIsSaidFirstInPlainWordsWithTheResetRecommended(FxRobot robot) {
        diagnose(robot, "diagnose-fallback-recovery.json");
        String plain = "Neither system could start: version 1.0 (active) and version 1.0 (passive) failed to boot;"
                + " you are in recovery.";
        assertTrue(robot.lookup(".recovery-finding").queryAllAs(Label.class).stream().map(Label::getText)
                .anyMatch(("\u2022 " + plain)::equals), "the finding under the headline");
        assertTrue(robot.lookup("#action-reset").queryAs(Button.class).getStyleClass().contains("recommended"));
        assertTrue(robot.lookup("#action-reset").queryAs(Button.class).isFocused());
        screenshots(robot, "fallback-recovery");
    }

    @Test
    void aDamagedOemIsShownWithItsRepairRecommendedAndReachableByKeyboard(FxRobot robot) {
        diagnose(robot, "diagnose-oem-damaged.json", "diagnose-after-fsck.json");
        assertEquals("2 problems found", robot.lookup("#recovery-headline").queryAs(Label.class).getText());
        Node oem = robot.lookup(".check-row.failed").query();
        assertTrue(oem.getAccessibleText().startsWith("Error: COS_OEM (ext4), has errors"), oem.getAccessibleText());
        Button fsck = robot.lookup("#action-fsck").queryAs(Button.class);
        assertTrue(fsck.getStyleClass().contains("recommended"));
        assertEquals("Repair filesystems, Recommended", fsck.getAccessibleText());
        assertTrue(fsck.isFocused(), "the recommended action has the focus");
        screenshots(robot, "damaged-oem");

        // Keyboard alone: the yes-fix option and the action by their mnemonics; yes-fix may remove files,
        // so the confirmation starts on Cancel: Shift+Tab to the action's button and Space.
        robot.press(KeyCode.ALT).type(KeyCode.Y).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(viewModel.fsckYesFix().get());
        robot.press(KeyCode.ALT).type(KeyCode.F).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Repair filesystems, answering yes to every fix", robot.lookup("#confirm-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".impact-change").queryAll().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.contains("damaged files are moved to lost+found")));
        screenshots(robot, "confirm-fsck");
        assertTrue(robot.lookup("#confirm-no").queryAs(Button.class).isFocused());
        engine.actionEvents = Fixtures.events("repair-fsck-yes.jsonl");
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("describe", "diagnose", "status", "repair --fsck --yes-fix", "diagnose", "status"), engine.calls);
        assertEquals("The filesystems were repaired.", robot.lookup("#recovery-outcome-text").queryAs(Label.class).getText());
        assertEquals("One problem found", robot.lookup("#recovery-headline").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#action-grub-env").queryAs(Button.class).getStyleClass().contains("recommended"),
                "next: the grubenv the repair could not save");
        screenshots(robot, "after-repair");
    }

    @Test
    void aFailedRepairShowsTheEnginesReasonAndEscapeCancelsAConfirmation(FxRobot robot) {
        diagnose(robot, "diagnose-oem-damaged.json");
        robot.clickOn("#action-bootloader");
        assertTrue(robot.lookup("#recovery-confirm-layer").query().isVisible());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#recovery-confirm-layer").query().isVisible());
        assertEquals(List.of("describe", "diagnose", "status"), engine.calls, "Escape ran nothing");

        engine.actionEvents = Fixtures.events("repair-fsck-oem-failed.jsonl");
        robot.clickOn("#action-fsck");
        robot.clickOn("#confirm-yes");
        WaitForAsyncUtils.waitForFxEvents();
        Label outcome = robot.lookup("#recovery-failure-message").queryAs(Label.class);
        assertTrue(outcome.getText().startsWith("The action failed: errors remain on COS_OEM"), outcome.getText());
        assertTrue(outcome.getText().contains("--yes-fix"));
        assertTrue(robot.lookup("#recovery-outcome").query().getStyleClass().contains("failed"));
        screenshots(robot, "failed-repair");
    }

    @Test
    void aResetThatErasesDataSaysSoAndStartsOnCancel(FxRobot robot) {
        diagnose(robot, "diagnose-healthy.json");
        robot.clickOn("#option-reset-persistent");
        robot.clickOn("#action-reset");
        Label question = robot.lookup("#confirm-question").queryAs(Label.class);
        assertEquals("This erases data that cannot be brought back. Run it?", question.getText());
        assertTrue(robot.lookup("#confirm-no").queryAs(Button.class).isFocused());
        assertFalse(robot.lookup("#confirm-yes").queryAs(Button.class).isDefaultButton());
        assertTrue(robot.lookup(".impact-change").queryAll().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.contains("erases your data in COS_PERSISTENT")));
        screenshots(robot, "confirm-reset");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("describe", "diagnose", "status"), engine.calls, "Enter on Cancel erased nothing");

        engine.actionEvents = List.of(Event.Result.success(1, java.util.Map.of()));
        robot.clickOn("#action-reset");
        robot.clickOn("#confirm-yes");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("describe", "diagnose", "status", "reset --reset-persistent", "diagnose", "status"), engine.calls);
    }

    /**
     * The confirmation's button ("_Erase and run", Alt+E) leaves the scene's mnemonic table with the
     * confirmation, with no empty entry behind (JavaFX keeps one, and it would catch Alt+E, and Alt+e
     * of a later control, first): see {@link dev.cos.installer.app.fx.Mnemonics}.
     */
    @Test
    void aClosedConfirmationLeavesNoLetterBehind(FxRobot robot) throws Exception {
        diagnose(robot, "diagnose-healthy.json");
        robot.clickOn("#option-reset-persistent");
        robot.clickOn("#action-reset");
        assertTrue(mnemonicKeys().contains("Alt+'E'"), "the erasing confirmation's Alt+E: " + mnemonicKeys());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#recovery-confirm-layer").query().isVisible());
        List<String> keys = mnemonicKeys();
        assertFalse(keys.contains("Alt+'E'"), keys.toString());
        assertTrue(keys.stream().noneMatch(k -> k.endsWith("(no control)")), keys.toString());
        assertTrue(keys.contains("Alt+'R'"), "the screen's own letters stay (Reset): " + keys);
    }

    private List<String> mnemonicKeys() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> scene.getMnemonics().entrySet().stream()
                .map(e -> e.getKey().getName() + (e.getValue().isEmpty() ? " (no control)" : ""))
                .sorted().toList()).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void eachImageRowNamesWhereItsSystemCameFromWithAShortDigest(FxRobot robot) throws Exception {
        String digest = "sha256:3f5a9c0e1b2d4f6a8c7e9d0b1a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
        // status --json of a system whose active slot came from a registry (as installer-core's contract/status-full.json writes one).
        engine.status = dev.cos.installer.api.Json.read("{\"booted\":\"recovery\",\"images\":{\"active\":{\"present\":true,"
                + "\"source\":\"oci:registry.example.org/cos/system@" + digest + "\",\"digest\":\"" + digest + "\",\"tag\":\"1.1\"},"
                + "\"passive\":{\"present\":true,\"source\":\"dir:///srv/cos-1.0\",\"digest\":\"sha256:" + "ab".repeat(32) + "\"}}}",
                dev.cos.installer.api.StatusAnswer.class);
        diagnose(robot, "diagnose-healthy.json");

        List<String> rows = robot.lookup(".check-row").queryAll().stream().map(javafx.scene.Node::getAccessibleText).toList();
        assertTrue(rows.contains("OK: active image, present and readable; installed from oci:registry.example.org/cos/system:1.1"
                + " (sha256:3f5a9c0e1b2d\u2026)"), rows.toString());
        assertTrue(rows.contains("OK: passive image, present and readable; installed from dir:///srv/cos-1.0"
                + " (sha256:abababababab\u2026)"), rows.toString());
        // The smallest screen the recovery screen meets (the live ISO's, a repair laptop's).
        robot.interact(() -> {
            scene.getWindow().setWidth(1024);
            scene.getWindow().setHeight(600);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // The screenshot shows the image rows: the check list scrolled to them.
        javafx.scene.Node activeRow = robot.lookup(".check-row").queryAll().stream()
                .filter(n -> n.getAccessibleText().contains("active image")).findFirst().orElseThrow();
        robot.interact(() -> {
            javafx.scene.Node up = activeRow;
            while (!(up instanceof javafx.scene.control.ScrollPane)) {
                up = up.getParent();
            }
            javafx.scene.control.ScrollPane list = (javafx.scene.control.ScrollPane) up;
            double y = list.getContent().sceneToLocal(activeRow.localToScene(0, 0)).getY();
            double room = list.getContent().getLayoutBounds().getHeight() - list.getViewportBounds().getHeight();
            list.setVvalue(Math.min(1, y / room));
        });
        WaitForAsyncUtils.waitForFxEvents();
        screenshots(robot, "container-slot");
        assertEquals(List.of(), dev.cos.installer.app.testsupport.CutLabels.under(scene.getRoot()));
    }
}
