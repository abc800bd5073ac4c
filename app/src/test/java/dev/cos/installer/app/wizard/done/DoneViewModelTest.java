package dev.cos.installer.app.wizard.done;

import dev.cos.installer.app.widgets.FailurePanel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.wizard.InstallOutcome;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoneViewModelTest {

    @TempDir
    Path dir;

    private final List<Page> shown = new ArrayList<>();
    private final List<String> powerCalls = new ArrayList<>();
    private final WizardModel model = new WizardModel(Path.of("/tmp/cos.img"));
    private final FakeDialogService dialogs = new FakeDialogService();
    private final DoneViewModel done = new DoneViewModel(new WizardContext(model, new FakeEngine(), new SameThreadBackground(), shown::add, dialogs),
            new SystemPower() {
                @Override
                public void reboot() {
                    powerCalls.add("reboot");
                }

                @Override
                public void powerOff() {
                    powerCalls.add("poweroff");
                }
            });

    private static DiskList.Disk disk() {
        return new DiskList.Disk("/dev/sdb", "sdb", "disk", 64L << 30, "64.0 GiB", "Samsung SSD", "", "sata", false, false, 512,
                true, List.of(), List.of());
    }

    @Test
    void successOnADiskListsWhatWasInstalledAndOffersRebootAndPowerOff() {
        model.target().set(new TargetChoice.Disk(disk()));
        model.outcome().set(new InstallOutcome.Success(1000, Map.of("oem", "64.0 MiB COS_OEM", "state", "8.0 GiB COS_STATE",
                "system", "1.2 GiB active.img + passive.img on COS_STATE"), Optional.of("/var/log/c.log"), List.of()));
        done.onEnter();
        assertTrue(done.success().get());
        assertEquals("cOS is installed", done.title().get());
        assertTrue(done.message().get().contains("/dev/sdb (Samsung SSD, 64.0 GiB)"), done.message().get());
        assertTrue(done.message().get().indexOf("oem: 64.0 MiB COS_OEM") < done.message().get().indexOf("state: 8.0 GiB COS_STATE"),
                "partitions in disk order");
        assertTrue(done.canPower().get());
        assertEquals("Log file: /var/log/c.log", done.logLine().get());
        done.reboot();
        assertEquals(List.of("reboot"), powerCalls);
    }

    @Test
    void successOnAnImageFileSaysHowToBootItInsteadOfRebooting() {
        model.target().set(new TargetChoice.ImageFile(Path.of("/home/a/cos.img"), 8L << 30));
        model.outcome().set(new InstallOutcome.Success(1000, Map.of(), Optional.empty(), List.of()));
        done.onEnter();
        assertFalse(done.canPower().get());
        assertTrue(done.bootHint().get().contains("-drive file=/home/a/cos.img,format=raw"), done.bootHint().get());
        assertTrue(done.bootHint().get().contains("-accel tcg"));
    }

    @Test
    void aFailureNamesTheStepAndTheMessageAndNeverLooksLikeSuccess() {
        model.target().set(new TargetChoice.Disk(disk()));
        model.outcome().set(new InstallOutcome.Failure("FORMAT", Optional.of("format"), Optional.of("Creating filesystems"),
                "mkfs.ext4 failed", "exit code 1\nstderr: bad superblock", Optional.empty(), List.of()));
        done.onEnter();
        assertFalse(done.success().get());
        assertEquals("The installation failed", done.title().get());
        FailurePanel.Failure failure = done.failure().get().orElseThrow();
        assertEquals("Failed while: Creating filesystems\nmkfs.ext4 failed", failure.message());
        assertTrue(failure.details().contains("bad superblock"));
        assertFalse(done.canPower().get());
    }

    @Test
    void aRefusalBeforeWritingSaysTheDiskIsUnchanged() {
        model.target().set(new TargetChoice.Disk(disk()));
        model.outcome().set(new InstallOutcome.Failure("SOURCE", Optional.empty(), Optional.empty(), "the image is corrupt", "",
                Optional.empty(), List.of()));
        done.onEnter();
        assertTrue(done.failure().get().orElseThrow().message()
                .startsWith("The installer refused before writing anything: the disk is unchanged."));
    }

    @Test
    void noOutcomeAtAllIsNotASuccess() {
        done.onEnter();
        assertFalse(done.success().get());
        assertEquals("The installation failed", done.title().get());
        assertTrue(done.failure().get().orElseThrow().message().startsWith("The installer engine ended without saying"));
    }

    @Test
    void retryGoesBackToTheSummary() {
        done.retry();
        assertEquals(List.of(Page.SUMMARY), shown);
    }

    @Test
    void theLogBundleHoldsTheOutcomeTheTranscriptAndTheReadableEngineLog() throws Exception {
        Path engineLog = Files.writeString(dir.resolve("cos-installer-1.log"), "sgdisk --zap-all /dev/loop3\n");
        model.target().set(new TargetChoice.Disk(disk()));
        model.outcome().set(new InstallOutcome.Failure("FORMAT", Optional.of("format"), Optional.of("Creating filesystems"),
                "mkfs.ext4 failed", "exit code 1", Optional.of(engineLog.toString()), List.of("[4/12] Creating filesystems")));
        Path zip = dir.resolve("bundle.zip");
        done.saveLog();
        assertFalse(Files.exists(zip), "cancelled in the save dialog: nothing written");
        dialogs.savingTo(zip);
        done.saveLog();
        assertEquals(List.of("Save the installation log bundle", "Save the installation log bundle"), dialogs.asked);
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            assertTrue(new String(bundle.getInputStream(bundle.getEntry("outcome.txt")).readAllBytes()).contains("step: Creating filesystems"));
            assertTrue(new String(bundle.getInputStream(bundle.getEntry("progress.txt")).readAllBytes()).contains("[4/12] Creating filesystems"));
            assertEquals("sgdisk --zap-all /dev/loop3\n",
                    new String(bundle.getInputStream(bundle.getEntry("engine/cos-installer-1.log")).readAllBytes()));
        }
        assertEquals("Saved " + zip, done.status().get());
    }
}
