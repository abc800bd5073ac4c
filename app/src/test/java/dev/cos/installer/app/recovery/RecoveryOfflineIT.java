package dev.cos.installer.app.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.cos.installer.app.testsupport.RealRuns.run;
import static dev.cos.installer.app.testsupport.RealRuns.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.Screenshots;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The recovery screen over the real engine, offline on a real installed disk image whose COS_OEM was
 * damaged (its root inode cleared with debugfs): the screen reports it, "Repair filesystems" with
 * yes-to-every-fix repairs it (e2fsck -fn on the partition afterwards: clean), and restoring the GRUB
 * environment the repair could not save makes the system healthy. The CLI attaches and releases its
 * own loop devices; this test only touches its own image file.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryOfflineIT {

    @TempDir
    static Path temp;

    private Path image;
    private long oemStartSectors;
    private long oemSizeSectors;
    private RecoveryViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        Path engine = dev.cos.installer.app.testsupport.RealRuns.engine();
        image = temp.resolve("recovery.img");
        run(List.of(engine.toString(), "install", "--target", image.toString(), "--size", "8G", "--yes"));
        JsonNode table = new ObjectMapper().readTree(run(List.of("sfdisk", "-J", image.toString())));
        for (JsonNode partition : table.path("partitiontable").path("partitions")) {
            if (partition.path("name").asText().equals("oem")) {
                oemStartSectors = partition.path("start").asLong();
                oemSizeSectors = partition.path("size").asLong();
            }
        }
        assertTrue(oemStartSectors > 0, "the install has an oem partition");
        run(List.of("debugfs", "-w", "-R", "clri <2>", image + "?offset=" + oemStartSectors * 512));

        ProcessEngine processEngine = new ProcessEngine(new EngineLauncher(engine, false))
                .offline(new OfflineSystem(image, "recovery"));
        viewModel = new RecoveryViewModel(processEngine, new FxBackground(), SystemPower.systemctl(), new FakeDialogService().savingTo(temp.resolve("bundle.zip")), Optional.empty(),
                Optional.of(image));
        RecoveryView view = new RecoveryView(viewModel);
        scene = new Scene((Parent) view.root(), 1280, 800);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        viewModel.start();
    }

    @Test
    void aDamagedOemIsRepairedFromTheScreenAndTheSystemEndsHealthy(FxRobot robot) throws Exception {
        waitUntil(120, () -> viewModel.phase().get() == RecoveryViewModel.Phase.READY && viewModel.report().get().isPresent());
        assertEquals("2 problems found", headline(robot));
        assertTrue(robot.lookup("#action-fsck").query().getStyleClass().contains("recommended"));
        Screenshots.save(scene, "recovery-real-damaged");

        robot.clickOn("#option-yes-fix");
        robot.clickOn("#action-fsck");
        robot.clickOn("#confirm-yes");
        waitUntil(120, () -> viewModel.outcome().get().isPresent() && viewModel.phase().get() == RecoveryViewModel.Phase.READY);
        assertEquals("The filesystems were repaired.", robot.lookup("#recovery-outcome-text").queryAs(Label.class).getText());
        assertEquals(0, e2fsckOem(), "e2fsck -fn finds COS_OEM clean");
        assertTrue(robot.lookup("#action-grub-env").query().getStyleClass().contains("recommended"));
        Screenshots.save(scene, "recovery-real-after-fsck");

        robot.clickOn("#action-grub-env");
        robot.clickOn("#confirm-yes");
        waitUntil(120, () -> viewModel.phase().get() == RecoveryViewModel.Phase.READY
                && viewModel.report().get().map(r -> r.overall() == DiagnosisReport.Status.OK).orElse(false));
        assertEquals("The system is healthy", headline(robot));
        Screenshots.save(scene, "recovery-real-healthy");
    }

    private static String headline(FxRobot robot) {
        return robot.lookup("#recovery-headline").queryAs(Label.class).getText();
    }

    /** e2fsck -fn on a copy of the partition (e2fsck takes no offset); its exit code. */
    private int e2fsckOem() throws Exception {
        Path copy = temp.resolve("oem.ext4");
        run(List.of("dd", "if=" + image, "of=" + copy, "bs=512", "skip=" + oemStartSectors, "count=" + oemSizeSectors,
                "status=none"));
        Process process = new ProcessBuilder("e2fsck", "-fn", copy.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        System.out.println(output);
        return exit;
    }
}
