package dev.cos.installer.app.wizard.partitions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.WizardStage;
import dev.cos.installer.app.widgets.PartitionBar;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardModel.FirmwareChoice;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The partition preview in the wizard window for an 8 GiB disk holding a cOS install. */
@ExtendWith(ApplicationExtension.class)
class PartitionsViewTest {

    @TempDir
    static Path home;

    private WizardStage wizard;

    @Start
    void start(Stage stage) {
        FakeEngine engine = new FakeEngine();
        engine.disks = Fixtures.loops();
        wizard = WizardStage.show(stage, engine, home.resolve("cos.img"));
        wizard.model.target().set(new TargetChoice.Disk(engine.disks.disks().get(0)));
        wizard.model.firmware().set(FirmwareChoice.HYBRID);
        wizard.wizard.frame().show(Page.PARTITIONS);
        // Entering chose this machine's firmware for the disk; the person picks both.
        wizard.model.firmware().set(FirmwareChoice.HYBRID);
    }

    @Test
    void barsShowEveryPartitionWithReadableWidthsAndTheTableMatches(FxRobot robot) {
        PartitionBar after = robot.lookup("#bar-after").queryAs(PartitionBar.class);
        List<Node> segments = after.getChildrenUnmodifiable();
        assertEquals(6, segments.size());
        assertTrue(segments.get(4).getStyleClass().containsAll(List.of("partition-segment", "role-state")));
        for (Node segment : segments) {
            assertTrue(segment.getBoundsInParent().getWidth() >= PartitionBar.MIN_SEGMENT_WIDTH - 1,
                    segment.getAccessibleText() + " is " + segment.getBoundsInParent().getWidth() + " px wide");
        }
        assertTrue(segments.get(5).getBoundsInParent().getWidth() > segments.get(4).getBoundsInParent().getWidth(),
                "COS_PERSISTENT (6.8 GiB) is wider than COS_STATE (945 MiB)");
        assertEquals("COS_STATE: 945 MiB\npartition 5 · state · ext4", segments.get(4).getAccessibleText());
        assertEquals(6, robot.lookup("#bar-before").queryAs(PartitionBar.class).getChildrenUnmodifiable().size());
        assertEquals(6, robot.lookup("#partitions-table").queryAs(TableView.class).getItems().size());
        robot.interact(() -> wizard.screenshots("wizard-partitions"));
    }

    @Test
    void aTooSmallOemSizeIsExplainedAndBlocksNextUntilCleared(FxRobot robot) {
        robot.clickOn("#size-oem").write("8");
        WaitForAsyncUtils.waitForFxEvents();

        List<Label> problems = robot.lookup("#partitions-problems .problem").queryAllAs(Label.class).stream().toList();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getText().startsWith("COS_OEM of 8 MiB is too small: it needs at least 16 MiB."));
        assertTrue(robot.lookup("#next").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#bar-after").queryAs(PartitionBar.class).getChildrenUnmodifiable().isEmpty());
        robot.interact(() -> wizard.screenshots("wizard-partitions-problem"));

        robot.write("0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#partitions-problems .problem").queryAll().isEmpty());
        assertFalse(robot.lookup("#next").queryAs(Button.class).isDisabled());
        assertEquals(80L, wizard.model.partSizesMiB().get("oem"));
    }

    @Test
    void choosingUefiOnlyDropsTheBiosBootPartition(FxRobot robot) {
        robot.clickOn("#firmware-bios");
        assertEquals(FirmwareChoice.BIOS, wizard.model.firmware().get());

        robot.clickOn("#firmware-efi");

        assertEquals(FirmwareChoice.EFI, wizard.model.firmware().get());
        assertEquals(5, robot.lookup("#partitions-table").queryAs(TableView.class).getItems().size());
    }
}
