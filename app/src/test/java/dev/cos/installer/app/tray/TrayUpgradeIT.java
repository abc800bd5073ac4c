package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tray window over the real engine, offline on an installed image file (root): upgrade 1.0 -> 2.0
 * from a directory chosen in the window, then the window and {@code status} show 2.0 as active and
 * 1.0 as passive, and (the disk recording that 1.0 booted) that a restart is needed.
 */
@ExtendWith(ApplicationExtension.class)
class TrayUpgradeIT {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void upgradesAnInstalledImageFromTheWindow(FxRobot robot) throws Exception {
        Path engineScript = Path.of(System.getProperty("cos.engine")).toRealPath();
        Path image = dir.resolve("cos.img");
        run(engineScript.toString(), "install", "--target", image.toString(), "--size", "8G", "--yes");
        recordBootOfActive(image);
        Path repo = engineScript.getParent().getParent().getParent();
        List<String> built = run(repo.resolve("packaging/demo-image/build-demo-image.sh").toString(), "--version", "2.0")
                .lines().toList();
        String tree20 = built.get(built.size() - 1).strip();

        ProcessEngine engine = new ProcessEngine(new EngineLauncher(engineScript, false),
                Optional.of(new OfflineSystem(image, "active")));
        TrayViewModel tray = new TrayViewModel(engine, new FxBackground(), null,
                new FakeDialogService().choosingDirectory(Path.of(tree20)));
        TrayWindow window = new TrayWindow(tray);
        Scene scene = WaitForAsyncUtils.asyncFx(() -> {
            Scene s = new Scene((javafx.scene.Parent) window.root(), 960, 760);
            Styles.apply(s, "light");
            stage.setScene(s);
            stage.show();
            tray.refresh();
            return s;
        }).get(30, TimeUnit.SECONDS);
        waitUntil(120, () -> tray.state().get() == TrayState.UP_TO_DATE);
        assertEquals("1.0", text(robot, "#tray-version-active"));

        robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        waitUntil(120, () -> tray.upgradeStage().get() == TrayViewModel.UpgradeStage.CONFIRM);
        assertEquals("Upgrade to version 2.0? You are running 1.0.", text(robot, "#tray-upgrade-title"));
        robot.press(KeyCode.ALT).type(KeyCode.S).release(KeyCode.ALT);
        waitUntil(10, () -> tray.state().get() == TrayState.UPGRADING);
        waitUntil(300, () -> tray.upgradeStage().get() != TrayViewModel.UpgradeStage.RUNNING);
        assertEquals(TrayViewModel.UpgradeStage.FINISHED, tray.upgradeStage().get(), tray.upgradeFacts().get());
        waitUntil(120, () -> !tray.busy().get() && "2.0".equals(text(robot, "#tray-version-active")));
        assertEquals(TrayState.RESTART_NEEDED, tray.state().get(), "status read it from the disk");
        assertEquals("cOS: restart needed: 2.0 installed, 1.0 running", tray.tooltip().get());
        assertEquals("1.0", text(robot, "#tray-version-passive"));
        assertTrue(tray.history().get(0).endsWith("Upgraded to 2.0"), tray.history().toString());
        robot.interact(() -> Screenshots.save(scene, "tray-real-upgraded-light"));

        StatusAnswer status = engine.status();
        assertEquals("2.0", status.image("active").orElseThrow().version());
        assertEquals("1.0", status.image("passive").orElseThrow().version());
        assertEquals("", run("losetup", "--associated", image.toString()).strip(), "the engine released its loop devices");
    }

    /**
     * What the booted 1.0 leaves on the disk once it is up (the demo system's init; installer-core's
     * UpgradeBootIT sees it under QEMU): COS_OEM:/grubenv's cos_good_uuid = active.img's filesystem UUID.
     * Written with debugfs at the partitions' offsets, no loop device.
     */
    private void recordBootOfActive(Path image) throws Exception {
        JsonNode table = new ObjectMapper()
                .readTree(run("sfdisk", "-J", image.toString())).path("partitiontable");
        Map<String, String> fs = new HashMap<>();
        table.path("partitions").forEach(p -> fs.put(p.path("name").asText(), image + "?offset="
                + p.path("start").asLong() * table.path("sectorsize").asLong(512)));
        Path active = dir.resolve("active.img");
        Path env = dir.resolve("grubenv");
        run("debugfs", "-R", "dump /cOS/active.img " + active, fs.get("state"));
        String uuid = run("blkid", "-p", "-o", "value", "-s", "UUID", active.toString()).strip();
        run("debugfs", "-R", "dump /grubenv " + env, fs.get("oem"));
        run("grub-editenv", env.toString(), "set", "cos_good_uuid=" + uuid);
        run("debugfs", "-w", "-R", "rm /grubenv", fs.get("oem"));
        run("debugfs", "-w", "-R", "write " + env + " /grubenv", fs.get("oem"));
        Files.delete(active);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Labeled) n).getText()).orElse("");
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertEquals(0, exit, () -> String.join(" ", argv) + " exited " + exit + ":\n" + out);
        return out;
    }
}
