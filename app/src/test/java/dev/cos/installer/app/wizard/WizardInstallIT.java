package dev.cos.installer.app.wizard;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.wizard.window.Wizard;
import dev.cos.installer.app.wizard.window.WizardView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.testsupport.Screenshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
 * A person's install, end to end: the real wizard over the real engine (the CLI in a child process,
 * as root in CI), clicked through with the keyboard and the mouse onto a new disk image file with the
 * bundled demo image; then the image is checked with sfdisk and blkid, and the summary's command list
 * is compared with the commands the engine's log says it ran.
 */
@ExtendWith(ApplicationExtension.class)
class WizardInstallIT {

    @TempDir
    Path temp;

    private Path image;
    private Wizard wizard;
    private Scene scene;

    @Start
    void start(Stage stage) throws IOException {
        image = temp.resolve("wizard.img");
        WizardModel model = new WizardModel(image);
        EngineLauncher launcher = new EngineLauncher(Path.of(System.getProperty("cos.engine")).toRealPath(), false);
        wizard = Wizard.create(model, new ProcessEngine(launcher), new FxBackground(), new FakeDialogService());
        WizardView view = new WizardView(wizard, () -> { });
        scene = new Scene(view.root(), 1100, 800);
        Styles.apply(scene, "light");
        stage.setScene(scene);
        stage.show();
        wizard.frame().show(Page.WELCOME);
    }

    @Test
    void aPersonClicksThroughTheWizardAndGetsAnInstalledDiskImage(FxRobot robot) throws Exception {
        // Welcome: the requirement checks come from the engine; Next (Alt+N, the keyboard) once they pass.
        waitUntil(120, () -> nextEnabled(robot));
        Screenshots.save(scene, "e2e-1-welcome");
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        assertPage(Page.DISK);

        // Disk: the disk image file (our temp file), chosen with the mouse once the disk list is in. The test
        // never relies on the machine's disks: an installable one (a spare disk, a loop device a killed run
        // left) would be listed first and the image file not chosen for us.
        waitUntil(60, () -> wizard.frame().model().disks().get() != null);
        robot.clickOn("#image-file-card .disk-card-title");
        waitUntil(60, () -> nextEnabled(robot));
        assertEquals(image.toString(), wizard.frame().model().target().get().path());
        Screenshots.save(scene, "e2e-2-disk");
        robot.clickOn("#next");
        assertPage(Page.PARTITIONS);

        // Partitions: the defaults.
        waitUntil(60, () -> nextEnabled(robot));
        Screenshots.save(scene, "e2e-3-partitions");
        robot.clickOn("#next");
        assertPage(Page.IMAGE);

        // Image: the bundled demo image, read and digested by the engine in the background.
        waitUntil(600, () -> nextEnabled(robot));
        assertTrue(wizard.frame().model().sourceInfo().get().digest().startsWith("sha256:"));
        Screenshots.save(scene, "e2e-4-image");
        robot.press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        assertPage(Page.SUMMARY);

        // Summary: the plan arrives; Install stays disabled until the acknowledgement is ticked.
        waitUntil(300, () -> wizard.frame().model().plan().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(nextEnabled(robot), "Install is disabled before the tick");
        Button install = robot.lookup("#next").queryButton();
        assertEquals("Create " + image.getFileName() + " and _install", install.getText(), "the button says what it does");
        assertTrue(install.getStyleClass().contains("danger"));
        robot.clickOn("#summary-acknowledge");
        waitUntil(10, () -> nextEnabled(robot));
        Screenshots.save(scene, "e2e-5-summary");
        InstallPlan plan = wizard.frame().model().plan().get();
        robot.clickOn("#next");
        assertPage(Page.PROGRESS);
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        Screenshots.save(scene, "e2e-6-progress");

        // Done.
        waitUntil(900, () -> wizard.frame().current().get() == Page.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "e2e-7-done");
        String title = robot.lookup("#done-title").queryAs(Labeled.class).getText();
        assertEquals("cOS is installed", title, () -> "done page: " + robot.lookup("#done-message").queryAs(Labeled.class).getText());

        assertLabels(image);
        List<String> planned = commands(plan);
        assertEquals(planned, fromTheInstallOn(planned.get(0), ranCommands(Path.of(wizard.frame().model().logFile().get()))),
                "the summary's command list is what the engine ran, in order");
    }

    private void assertPage(Page page) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(page, wizard.frame().current().get());
    }

    private static boolean nextEnabled(FxRobot robot) {
        Node next = robot.lookup("#next").query();
        return next.isVisible() && !next.isDisabled();
    }

    /** Polls {@code condition} on the FX thread (where the pages change state) until it holds. */
    private static void waitUntil(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Checked with independent tools: the GPT names and the filesystem labels of the written image. */
    private static void assertLabels(Path image) throws Exception {
        JsonNode table = new ObjectMapper().readTree(run(List.of(0), "sfdisk", "--json", image.toString())).path("partitiontable");
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (JsonNode partition : table.path("partitions")) {
            names.add(partition.path("name").asText());
            long offset = partition.path("start").asLong() * 512;
            // blkid exits 2 when it finds no filesystem (the BIOS boot partition has none).
            String label = run(List.of(0, 2), "blkid", "-p", "-O", Long.toString(offset), "-s", "LABEL", "-o", "value", image.toString()).strip();
            if (!label.isEmpty()) {
                labels.add(label);
            }
        }
        assertEquals("gpt", table.path("label").asText());
        assertEquals(List.of("bios", "efi", "oem", "recovery", "state", "persistent"), names);
        assertEquals(List.of("COS_GRUB", "COS_OEM", "COS_RECOVERY", "COS_STATE", "COS_PERSISTENT"), labels);
    }

    private static List<String> commands(InstallPlan plan) {
        return normalise(plan.operations().stream().filter(op -> op.kind().equals("command")).map(InstallPlan.Operation::text).toList());
    }

    /**
     * The log's commands from the install's first one on: before it, the session read the machine's disks
     * (sfdisk, blkid of whatever disks and leftover loop devices this machine has), which no plan lists.
     */
    private static List<String> fromTheInstallOn(String first, List<String> ran) {
        int start = ran.indexOf(first);
        return start < 0 ? ran : ran.subList(start, ran.size());
    }

    private static List<String> ranCommands(Path log) throws IOException {
        return normalise(Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(" run: "))
                .map(l -> l.substring(l.indexOf(" run: ") + 6)).toList());
    }

    /** The plan cannot know the loop device or the private mount directory: compare with those masked. */
    private static List<String> normalise(List<String> commands) {
        return commands.stream()
                .filter(c -> !c.startsWith("losetup --associated") && !c.startsWith("blockdev") && !c.startsWith("lsblk"))
                // Finding the demo image (cached, or built) is done before the install proper, by plan and install alike.
                .filter(c -> !c.contains("build-demo-image.sh"))
                .map(c -> c.replaceAll("/dev/loop(\\d+|N)", "/dev/loopX")
                        .replaceAll("/(run/cos-installer/install-|tmp/cos-installer-plan-)[^/ ]+(/mnt)?", "/MNT"))
                .toList();
    }

    private static String run(List<Integer> okExits, String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertTrue(okExits.contains(exit), () -> String.join(" ", argv) + " exited " + exit + ":\n" + out);
        return out;
    }
}
