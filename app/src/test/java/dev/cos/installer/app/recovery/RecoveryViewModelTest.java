package dev.cos.installer.app.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.Fixtures;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recovery screen's rules, fed with diagnoses and event streams captured from real runs on a demo install. */
class RecoveryViewModelTest {

    @TempDir
    Path dir;

    private final FakeEngine engine = new FakeEngine();
    private final List<String> reboots = new ArrayList<>();
    private final SystemPower power = new SystemPower() {
        @Override
        public void reboot() {
            reboots.add("reboot");
        }

        @Override
        public void powerOff() {
            reboots.add("poweroff");
        }
    };

    private RecoveryViewModel started(boolean offline, String... diagnoses) {
        engine.repairCatalog = Fixtures.repairCatalog();
        for (String name : diagnoses) {
            engine.diagnoses.add(Fixtures.diagnosis(name));
        }
        RecoveryViewModel vm = new RecoveryViewModel(engine, new SameThreadBackground(), power, new FakeDialogService(), Optional.empty(),
                offline ? Optional.of(Path.of("/tmp/r.img")) : Optional.empty());
        vm.start();
        return vm;
    }

    @Test
    void aHealthyInstallIsReportedHealthyWithEveryCheckGreenAndNothingRecommended() {
        RecoveryViewModel vm = started(true, "diagnose-healthy.json");
        assertEquals(RecoveryViewModel.Phase.READY, vm.phase().get());
        DiagnosisReport report = vm.report().get().orElseThrow();
        assertEquals("The system is healthy", report.headline());
        assertEquals(DiagnosisReport.Status.OK, report.overall());
        assertTrue(report.rows().stream().allMatch(r -> r.status() == DiagnosisReport.Status.OK), report.rows().toString());
        assertTrue(report.rows().stream().anyMatch(r -> r.subject().equals("COS_OEM (ext4)") && r.result().equals("clean")));
        assertTrue(report.rows().stream().anyMatch(r -> r.subject().equals("passive image") && r.result().equals("present and readable")));
        assertTrue(report.rows().stream().anyMatch(r -> r.subject().equals("COS_GRUB:/EFI/BOOT/BOOTX64.EFI")));
        assertTrue(report.rows().stream().anyMatch(r -> r.subject().equals("COS_STATE") && r.result().equals("847 MiB free")));
        assertEquals(Set.of(), report.recommended());
        assertEquals(List.of("describe", "diagnose", "status"), engine.calls);
    }

    @Test
    void aDamagedOemPartitionIsAnErrorWithTheCheckersOutputAndRecommendsRepairingFilesystems() {
        RecoveryViewModel vm = started(true, "diagnose-oem-damaged.json");
        DiagnosisReport report = vm.report().get().orElseThrow();
        assertEquals("2 problems found", report.headline());
        DiagnosisReport.Row oem = report.rows().stream().filter(r -> r.subject().startsWith("COS_OEM")).findFirst().orElseThrow();
        assertEquals(DiagnosisReport.Status.ERROR, oem.status());
        assertEquals("has errors", oem.result());
        assertTrue(oem.detail().contains("Root inode is not a directory"), oem.detail());
        assertEquals(Set.of(RecoveryAction.FSCK), report.recommended());
        assertTrue(DiagnosisReport.findings(vm.diagnosis().get().orElseThrow()).get(0).startsWith("COS_OEM (oem) has filesystem errors"));
    }

    @Test
    void aFallbackNamesTheSlotThatFailedAndRecommendsRollingBack() {
        RecoveryViewModel vm = started(true, "diagnose-fallback.json");
        DiagnosisReport report = vm.report().get().orElseThrow();
        assertEquals("One warning: the system should still start", report.headline());
        DiagnosisReport.Row boot = report.rows().get(0);
        assertEquals("The active system failed to boot", boot.subject());
        assertEquals("active (1.0) failed to boot: the system fell back to passive (1.0)", boot.result());
        assertEquals(DiagnosisReport.Status.ERROR, boot.status());
        assertEquals(Set.of(RecoveryAction.ROLLBACK), report.recommended());
        assertEquals(Optional.empty(), vm.unavailable(RecoveryAction.ROLLBACK_SWAP), "booted passive: the swap is allowed");
        assertEquals(Optional.of("Only possible when booted from recovery."), vm.unavailable(RecoveryAction.RESET));
    }

    @Test
    void aFallbackToRecoverySaysInPlainWordsThatNeitherSystemStartedAndRecommendsTheReset() {
        RecoveryViewModel vm = started(true, "diagnose-fallback-recovery.json");
        DiagnosisReport report = vm.report().get().orElseThrow();
        assertEquals("The system did not start, so the computer started recovery", report.headline());
        DiagnosisReport.Row boot = report.rows().get(0);
        String plain = "Neither system could start: version 1.0 (active) and version 1.0 (passive) failed to boot;"
                + " you are in recovery.";
        assertEquals("Neither system could start", boot.subject());
        assertEquals(plain, boot.result());
        assertEquals(DiagnosisReport.Status.ERROR, boot.status());
        assertEquals("active (1.0) and passive (1.0) failed to boot: the system fell back to recovery (1.0)", boot.detail());
        assertEquals(Set.of(RecoveryAction.RESET), report.recommended());
        List<String> findings = DiagnosisReport.findings(vm.diagnosis().get().orElseThrow());
        assertEquals(List.of(plain), findings, "in plain words, not in the engine's");
        assertEquals(Optional.empty(), vm.unavailable(RecoveryAction.RESET), "booted recovery: the reset is allowed");
    }

    @Test
    void aChosenRecoveryBootIsNoFailure() {
        RecoveryViewModel vm = started(true, "diagnose-recovery-chosen.json");
        DiagnosisReport.Row boot = vm.report().get().orElseThrow().rows().get(0);
        assertEquals("Running: recovery", boot.subject());
        assertEquals(DiagnosisReport.Status.OK, boot.status());
    }

    @Test
    void eachActionShowsItsDataImpactBeforeItRunsAndCancelRunsNothing() {
        RecoveryViewModel vm = started(true, "diagnose-healthy.json");
        vm.request(RecoveryAction.FSCK);
        RecoveryViewModel.Confirmation c = vm.confirmation().get().orElseThrow();
        assertEquals(RecoveryViewModel.Phase.CONFIRMING, vm.phase().get());
        assertEquals("Repair filesystems", c.title());
        assertTrue(c.impact().orElseThrow().keeps().contains("your data in COS_PERSISTENT (/usr/local)"));
        assertFalse(c.impact().orElseThrow().erases(), "moving files to lost+found keeps them");
        assertEquals("Repair the filesystems now?", c.question());
        vm.cancel();
        assertEquals(RecoveryViewModel.Phase.READY, vm.phase().get());
        assertEquals(List.of("describe", "diagnose", "status"), engine.calls, "nothing ran");
    }

    @Test
    void theResetImpactFollowsTheEraseOptions() {
        RecoveryViewModel vm = started(true, "diagnose-healthy.json");
        Impact plain = vm.impact(RecoveryAction.RESET).orElseThrow();
        assertTrue(plain.keeps().contains("your data in COS_PERSISTENT (/usr/local)"));
        assertTrue(plain.keeps().contains("COS_OEM (/oem)"));
        vm.resetPersistent().set(true);
        Impact persistent = vm.impact(RecoveryAction.RESET).orElseThrow();
        assertTrue(persistent.changes().contains("erases your data in COS_PERSISTENT (/usr/local)"));
        assertTrue(persistent.erases());
        vm.resetOem().set(true);
        Impact both = vm.impact(RecoveryAction.RESET).orElseThrow();
        assertTrue(both.changes().contains("erases your data in COS_PERSISTENT (/usr/local)"));
        assertTrue(both.changes().contains("erases /oem (cloud-init configuration, GRUB's environment)"));
        assertEquals(List.of("the recovery image"), both.keeps());
        vm.request(RecoveryAction.RESET);
        assertEquals("This erases data that cannot be brought back. Run it?", vm.confirmation().get().orElseThrow().question());
    }

    @Test
    void aConfirmedRepairRunsWithProgressThenDiagnosesAgain() {
        RecoveryViewModel vm = started(true, "diagnose-oem-damaged.json", "diagnose-after-fsck.json");
        engine.actionEvents = Fixtures.events("repair-fsck-yes.jsonl");
        vm.fsckYesFix().set(true);
        vm.request(RecoveryAction.FSCK);
        assertEquals("Repair filesystems, answering yes to every fix", vm.confirmation().get().orElseThrow().title());
        vm.confirm();
        assertEquals(List.of("describe", "diagnose", "status", "repair --fsck --yes-fix", "diagnose", "status"), engine.calls);
        RecoveryViewModel.Outcome outcome = vm.outcome().get().orElseThrow();
        assertInstanceOf(RecoveryViewModel.Outcome.Succeeded.class, outcome);
        assertEquals(1.0, vm.fraction().get());
        assertTrue(vm.transcript().contains("  INFO  COS_OEM: repaired"), vm.transcript().toString());
        DiagnosisReport after = vm.report().get().orElseThrow();
        assertTrue(after.rows().stream().filter(r -> r.subject().startsWith("COS_OEM (")).allMatch(r -> r.result().equals("clean")));
        assertEquals(Set.of(RecoveryAction.GRUB_ENV), after.recommended(), "the repaired OEM lost its grubenv");
        assertEquals(RecoveryViewModel.Phase.READY, vm.phase().get());
    }

    @Test
    void aFailedRepairShowsTheEnginesMessageAndStillDiagnosesAgain() {
        RecoveryViewModel vm = started(true, "diagnose-oem-damaged.json");
        engine.actionEvents = Fixtures.events("repair-fsck-oem-failed.jsonl");
        vm.request(RecoveryAction.FSCK);
        vm.confirm();
        RecoveryViewModel.Outcome.Failed failed = assertInstanceOf(RecoveryViewModel.Outcome.Failed.class,
                vm.outcome().get().orElseThrow());
        assertEquals("FILESYSTEM", failed.code());
        assertTrue(failed.message().contains("--yes-fix"), failed.message());
        assertEquals(List.of("describe", "diagnose", "status", "repair --fsck", "diagnose", "status"), engine.calls);
        assertEquals("2 problems found", vm.report().get().orElseThrow().headline());
        assertTrue(vm.job().log().stream().anyMatch(line -> line.startsWith("FAILED: ")), vm.job().log().toString());

        vm.retry();
        assertEquals(RecoveryViewModel.Phase.CONFIRMING, vm.phase().get(), "Retry asks again, it never runs at once");
        assertEquals(RecoveryAction.FSCK, vm.confirmation().get().orElseThrow().action());
        assertEquals(6, engine.calls.size());
    }

    @Test
    void resetAndRollbackPassTheirOptionsToTheEngine() {
        RecoveryViewModel vm = started(true, "diagnose-healthy.json");
        engine.actionEvents = List.of(Event.Result.success(10, java.util.Map.of()));
        vm.resetOem().set(true);
        vm.request(RecoveryAction.RESET);
        vm.confirm();
        assertFalse(vm.resetOem().get(), "an erasing option is never left ticked for the next run");
        vm.request(RecoveryAction.ROLLBACK);
        vm.confirm();
        vm.request(RecoveryAction.ROLLBACK_SWAP);
        vm.confirm();
        vm.request(RecoveryAction.GRUB_ENV);
        vm.confirm();
        assertEquals(List.of("describe", "diagnose", "status", "reset --reset-oem", "diagnose", "status",
                "bootentry --select passive", "diagnose", "status", "rollback --swap", "diagnose", "status",
                "repair --grub-env", "diagnose", "status"), engine.calls);
    }

    @Test
    void rebootIsNotOfferedOfflineAndRunsOnlineAfterConfirmation() {
        RecoveryViewModel offline = started(true, "diagnose-healthy.json");
        assertTrue(offline.unavailable(RecoveryAction.REBOOT).isPresent());
        offline.request(RecoveryAction.REBOOT);
        assertTrue(offline.confirmation().get().isEmpty());
        RecoveryViewModel online = new RecoveryViewModel(engine, new SameThreadBackground(), power, new FakeDialogService(), Optional.empty(), Optional.empty());
        online.start();
        online.request(RecoveryAction.REBOOT);
        assertEquals(List.of(), reboots);
        online.confirm();
        assertEquals(List.of("reboot"), reboots);
    }

    @Test
    void resetIsOnlyOfferedBootedFromRecovery() {
        RecoveryViewModel vm = started(true, "diagnose-healthy.json");
        assertEquals(Optional.empty(), vm.unavailable(RecoveryAction.RESET));
        assertEquals(Optional.empty(), vm.unavailable(RecoveryAction.ROLLBACK_SWAP));
    }

    @Test
    void theBundleHoldsTheDiagnosisTheTranscriptAndTheGuiLog() throws IOException {
        Path guiLog = Files.writeString(dir.resolve("gui.log"), "gui log line\n");
        engine.repairCatalog = Fixtures.repairCatalog();
        engine.diagnoses.add(Fixtures.diagnosis("diagnose-oem-damaged.json"));
        Path zip = dir.resolve("bundle.zip");
        FakeDialogService dialogs = new FakeDialogService();
        RecoveryViewModel vm = new RecoveryViewModel(engine, new SameThreadBackground(), power, dialogs, Optional.of(guiLog),
                Optional.of(Path.of("/tmp/r.img")));
        vm.start();
        vm.saveBundle();
        assertEquals(Optional.empty(), vm.outcome().get(), "cancelled in the save dialog: nothing saved");
        dialogs.savingTo(zip);
        vm.saveBundle();
        assertInstanceOf(RecoveryViewModel.Outcome.Succeeded.class, vm.outcome().get().orElseThrow());
        try (ZipFile file = new ZipFile(zip.toFile())) {
            String diagnosis = new String(file.getInputStream(file.getEntry("diagnosis.json")).readAllBytes());
            assertTrue(diagnosis.contains("Root inode is not a directory"));
            assertEquals("gui log line\n", new String(file.getInputStream(file.getEntry("gui.log")).readAllBytes()));
            assertTrue(new String(file.getInputStream(file.getEntry("recovery-transcript.txt")).readAllBytes())
                    .contains("Diagnosis: 2 problems found"));
        }
        assertFalse(Files.exists(dir.resolve("bundle.zip.part")));
    }

    /** The directory is gone: the message says so in words, not as the bare path Java's exception carries. */
    @Test
    void aBundleThatCannotBeSavedSaysWhyInWords() {
        engine.repairCatalog = Fixtures.repairCatalog();
        engine.diagnoses.add(Fixtures.diagnosis("diagnose-oem-damaged.json"));
        RecoveryViewModel vm = new RecoveryViewModel(engine, new SameThreadBackground(), power, new FakeDialogService(), Optional.empty(), Optional.of(Path.of("/tmp/r.img")));
        vm.start();
        Path zip = dir.resolve("no-such-dir/bundle.zip");

        vm.saveBundle(zip);

        RecoveryViewModel.Outcome.Failed failed = assertInstanceOf(RecoveryViewModel.Outcome.Failed.class, vm.outcome().get().orElseThrow());
        assertTrue(failed.message().contains("it does not exist"), failed.message());
        assertFalse(failed.message().contains("Exception"), failed.message());
    }

    @Test
    void aDiagnosisThatCannotBeMadeSaysWhy() {
        engine.repairCatalog = Fixtures.repairCatalog();
        RecoveryViewModel vm = new RecoveryViewModel(engine, new SameThreadBackground(), power, new FakeDialogService(), Optional.empty(), Optional.of(Path.of("/tmp/r.img")));
        vm.start();
        assertEquals(Optional.of("fake failure"), vm.diagnosisError().get());
        assertEquals(RecoveryViewModel.Phase.READY, vm.phase().get());
    }
}
