package dev.cos.installer.app.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static dev.cos.installer.app.testsupport.RealRuns.run;
import static dev.cos.installer.app.testsupport.RealRuns.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.app.Messages;
import dev.cos.installer.app.Styles;
import dev.cos.installer.app.engine.EngineLauncher;
import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.app.engine.ProcessEngine;
import dev.cos.installer.app.fx.FxBackground;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.RealRuns;
import dev.cos.installer.app.testsupport.Screenshots;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.OfflineDisk;
import dev.cos.installer.testsupport.Qemu;
import dev.cos.installer.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
 * The recovery screen's repairs proven by booting: a real installed disk image file (the demo image
 * 1.0, installed with the engine's CLI) is broken so that active cannot boot, the screen runs over
 * the real engine offline as booted recovery, the repair is chosen and confirmed with mouse and
 * keyboard, and the image then boots under QEMU (TCG, OVMF; installer-core's testsupport/Qemu) into
 * active: the serial console says {@code COS-BOOTED slot=active version=1.0}. Screenshots light and
 * dark: {@code recovery-boot-<case>-<step>-<theme>.png}.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryBootIT {

    private static final Duration ONE_BOOT = Duration.ofSeconds(180);

    @TempDir
    Path temp;

    private Stage stage;
    private Scene scene;
    private RecoveryViewModel viewModel;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void resetFromTheScreenRedeploysAMissingActiveAndActiveBootsAgain(FxRobot robot) throws Exception {
        OfflineDisk disk = install("reset");
        disk.remove("state", "/cOS/active.img");

        open(disk);
        assertTrue(report().rows().stream().anyMatch(r -> r.subject().equals(Messages.get("recovery.image.slot", "active"))
                && r.result().equals(Messages.get("recovery.image.missing"))), () -> report().rows().toString());
        screenshots("recovery-boot-reset-broken");

        robot.clickOn("#action-reset");
        waitUntil(10, () -> viewModel.phase().get() == RecoveryViewModel.Phase.CONFIRMING);
        assertTrue(text(robot, "#confirm-title").startsWith(Messages.get("recovery.title.reset")), text(robot, "#confirm-title"));
        assertFalse(robot.lookup(".impact-change").queryAll().isEmpty(), "the confirmation lists what the reset changes");
        assertFalse(robot.lookup(".impact-keep").queryAll().isEmpty(), "and what it keeps");
        screenshots("recovery-boot-reset-confirm");
        confirmWithTheKeyboard(robot);
        waitForOutcome();
        assertEquals(Messages.get("recovery.done.reset"), text(robot, "#recovery-outcome-text"));
        screenshots("recovery-boot-reset-done");

        assertBootsActive(disk, "recovery-screen-reset");
    }

    @Test
    void reinstallingTheBootloaderFromTheScreenMakesAnUnbootableEspBootActiveAgain(FxRobot robot) throws Exception {
        OfflineDisk disk = install("bootloader");
        String esp = disk.gpt().image() + "@@" + disk.gpt().byName("efi").offsetBytes();
        Tools.run("mdel", "-i", esp, "::/EFI/BOOT/BOOTX64.EFI");
        Qemu.Result broken = boot(disk, "recovery-screen-bootloader-broken", Duration.ofSeconds(60));
        assertEquals(List.of(), Qemu.bootedLines(broken.serial()), "without BOOTX64.EFI nothing boots: " + broken);

        open(disk);
        assertTrue(robot.lookup("#action-bootloader").query().getStyleClass().contains("recommended"));
        screenshots("recovery-boot-bootloader-broken");

        robot.clickOn("#action-bootloader");
        waitUntil(10, () -> viewModel.phase().get() == RecoveryViewModel.Phase.CONFIRMING);
        assertEquals(Messages.get("recovery.confirm.bootloader"), text(robot, "#confirm-question"));
        screenshots("recovery-boot-bootloader-confirm");
        robot.clickOn("#confirm-yes");
        waitForOutcome();
        assertEquals(Messages.get("recovery.done.bootloader"), text(robot, "#recovery-outcome-text"));
        screenshots("recovery-boot-bootloader-done");
        assertTrue(Tools.run("mdir", "-b", "-i", esp, "::/EFI/BOOT").contains("BOOTX64"), "the EFI binary is back");

        assertBootsActive(disk, "recovery-screen-bootloader");
    }

    /** The demo image 1.0 installed with the engine's CLI onto a 3 GiB image file, powering off once up. */
    private OfflineDisk install(String name) throws Exception {
        Path image = temp.resolve(name + ".img");
        run(List.of(RealRuns.engine().toString(), "install", "--target", image.toString(), "--size", "3G", "--source",
                DemoImage.tree("1.0").toString(), "--yes"));
        OfflineDisk disk = new OfflineDisk(image, Files.createDirectories(temp.resolve(name + "-work")));
        disk.setGrubenv("extra_cmdline=cos.test=poweroff");
        return disk;
    }

    /** The screen over the real engine, offline on the image as booted recovery, once its first diagnosis is in. */
    private void open(OfflineDisk disk) throws Exception {
        Path image = disk.gpt().image();
        ProcessEngine engine = new ProcessEngine(new EngineLauncher(RealRuns.engine(), false))
                .offline(new OfflineSystem(image, "recovery"));
        viewModel = new RecoveryViewModel(engine, new FxBackground(), SystemPower.systemctl(), new FakeDialogService().savingTo(temp.resolve("bundle.zip")), Optional.empty(),
                Optional.of(image));
        scene = WaitForAsyncUtils.asyncFx(() -> {
            RecoveryView view = new RecoveryView(viewModel);
            Scene s = new Scene((Parent) view.root(), 1280, 800);
            Styles.apply(s, "light");
            stage.setScene(s);
            stage.show();
            viewModel.start();
            return s;
        }).get(30, TimeUnit.SECONDS);
        waitUntil(300, () -> viewModel.phase().get() == RecoveryViewModel.Phase.READY && viewModel.report().get().isPresent());
    }

    private DiagnosisReport report() {
        return viewModel.report().get().orElseThrow();
    }

    /**
     * A confirmation that erases (the reset: COS_STATE) starts on Cancel and Enter never runs it:
     * Shift+Tab to the run button, then Space. Otherwise Enter runs it.
     */
    private void confirmWithTheKeyboard(FxRobot robot) {
        Node yes = robot.lookup("#confirm-yes").query();
        if (robot.lookup("#confirm-no").query().isFocused()) {
            robot.press(KeyCode.SHIFT).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.SHIFT);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(yes.isFocused(), "Shift+Tab reaches the run button");
            robot.type(KeyCode.SPACE);
        } else {
            assertTrue(yes.isFocused(), "the run button has the focus");
            robot.type(KeyCode.ENTER);
        }
    }

    private void waitForOutcome() throws Exception {
        waitUntil(900, () -> viewModel.outcome().get().isPresent() && viewModel.phase().get() == RecoveryViewModel.Phase.READY
                && viewModel.report().get().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void assertBootsActive(OfflineDisk disk, String name) {
        Qemu.Result result = boot(disk, name, ONE_BOOT);
        assertFalse(result.timedOut(), result::toString);
        assertEquals(List.of("COS-BOOTED slot=active version=1.0"), Qemu.bootedLines(result.serial()), result::toString);
    }

    private static Qemu.Result boot(OfflineDisk disk, String name, Duration timeout) {
        return Qemu.Boot.disk(disk.gpt().image()).uefi().timeout(timeout).noReboot(true).run(name);
    }

    private void screenshots(String name) {
        for (String theme : List.of("light", "dark")) {
            WaitForAsyncUtils.waitForAsyncFx(10_000, () -> Styles.apply(scene, theme));
            Screenshots.save(scene, name + "-" + theme);
        }
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> Styles.apply(scene, "light"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

}
