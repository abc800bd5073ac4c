package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.app.session.SystemPower;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.SecondLanguage;
import dev.cos.installer.app.tray.TrayViewModel.UpgradeStage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tray window's states and actions, fed with status answers captured from the real engine. */
class TrayViewModelTest {

    private static final String SOURCE_20 = "dir:///root/.cache/cos-installer/demo-image/trees/2.0-dbb761e6e0c328e3";

    private final FakeEngine engine = new FakeEngine();
    private final List<String> powerCalls = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final FakeDialogService dialogs = new FakeDialogService();
    private final TrayViewModel tray = new TrayViewModel(engine, new SameThreadBackground(), new SystemPower() {
        @Override
        public void reboot() {
            powerCalls.add("reboot");
        }

        @Override
        public void powerOff() {
            powerCalls.add("poweroff");
        }
    }, dialogs, () -> now, ZoneOffset.UTC);

    @Test
    void aFreshInstallIsUpToDateAndShowsItsFacts() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        tray.refresh();

        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
        assertEquals("cOS 1.0 is up to date", tray.tooltip().get());
        assertEquals("The computer started the system (active).", tray.booted().get());
        assertEquals(List.of("active", "passive", "recovery"), tray.images().stream().map(TrayViewModel.ImageRow::slot).toList());
        TrayViewModel.ImageRow active = tray.images().get(0);
        assertEquals("1.0", active.version());
        assertEquals("2026-11-26 04:28", active.date(), "the install's time from the history");
        assertEquals("sha256:092699d9c8fb978238651c405d08db6833b885d565ff4feeff897d9d4bb8714f", active.digest());
        assertTrue(active.source().startsWith("dir:///root/.cache/cos-installer/demo-image/trees/1.0-"));
        assertEquals("COS_STATE has 847 MiB free; the next upgrade needs 270 MiB and fits.", tray.space().get());
        assertEquals(List.of("2026-11-26 04:28  Installed 1.0"), tray.history());
        assertEquals("", tray.fallbackNotice().get());
        assertEquals("", tray.available().get(), "no upgrade source configured");
        assertTrue(tray.canRehearse());
        assertEquals(List.of("status"), engine.calls, "nothing else is asked without a configured source");
    }

    @Test
    void aConfiguredSourceWithAnotherVersionIsAnUpdate() {
        engine.status = TrayFixtures.status("status-rolledback-configured.json");
        engine.sourceInfoBySource.put(SOURCE_20, TrayFixtures.demo20());
        tray.refresh();

        assertEquals(TrayState.UPDATE_AVAILABLE, tray.state().get());
        assertEquals("cOS: version 2.0 is available (running 1.0)", tray.tooltip().get());
        assertEquals("Version 2.0 is available from " + SOURCE_20 + ".", tray.available().get());
        assertEquals(List.of("status", "inspect " + SOURCE_20), engine.calls);
    }

    @Test
    void aConfiguredSourceWithTheRunningVersionIsNoUpdate() {
        engine.status = TrayFixtures.status("status-upgraded-configured.json");
        engine.sourceInfoBySource.put(SOURCE_20, TrayFixtures.demo20());
        tray.refresh();

        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
        assertEquals("cOS 2.0 is up to date", tray.tooltip().get());
        assertEquals("No update: " + SOURCE_20 + " holds the running version.", tray.available().get());
    }

    @Test
    void anUnreadableSourceSaysSoAndStaysUpToDate() {
        engine.status = TrayFixtures.status("status-rolledback-configured.json");
        engine.inspectFailureBySource.put(SOURCE_20, new EngineException("SOURCE", 50, "source not found", ""));
        tray.refresh();

        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
        assertEquals("Could not check " + SOURCE_20 + " for updates: source not found", tray.available().get());
    }

    @Test
    void afterAFallbackThePlainNoticeAndBothChoices() {
        engine.status = TrayFixtures.status("status-upgraded-fallback.json");
        tray.refresh();

        assertEquals(TrayState.FALLBACK, tray.state().get());
        assertEquals("cOS: running the fallback system (1.0)", tray.tooltip().get());
        assertEquals("Version 2.0 failed to start, so your computer is running the previous version 1.0.",
                tray.fallbackNotice().get());
        assertEquals("The computer started the previous system (passive).", tray.booted().get());
        assertFalse(tray.canRehearse(), "no rehearsal while running the fallback");

        tray.tryUpdateAgain();
        assertEquals(List.of("status", "bootentry active", "status"), engine.calls, "saved_entry, not --once");
        assertEquals("The updated system starts again with the next start.", tray.message().get());

        engine.calls.clear();
        engine.rollbackEvents = TrayFixtures.events("rollback-swap.jsonl");
        engine.status = TrayFixtures.status("status-rolledback-configured.json");
        engine.sourceInfoBySource.put(SOURCE_20, TrayFixtures.demo20());
        tray.keepThisVersion();
        assertEquals(List.of("rollback --swap", "status", "inspect " + SOURCE_20), engine.calls);
        assertEquals("This version is now the main system.", tray.message().get());
        assertEquals("1.0", tray.images().get(0).version());
        assertEquals("2.0", tray.images().get(1).version());
        assertEquals("2026-11-26 04:31  Rolled back: the previous system became the main one", tray.history().get(0));
    }

    @Test
    void afterAFallbackToRecoveryTheNoticeSaysNeitherSystemStartedAndOffersNoRetryOrKeep() {
        engine.status = TrayFixtures.status("status-fallback-recovery.json");
        tray.refresh();

        assertEquals(TrayState.FALLBACK, tray.state().get());
        assertTrue(tray.fallbackToRecovery().get());
        assertEquals("Neither system could start: version 1.0 (active) and version 1.0 (passive) failed to boot, so your"
                + " computer is running the recovery system.", tray.fallbackNotice().get());
        assertEquals("cOS: neither system could start; running recovery (1.0)", tray.tooltip().get());
        assertEquals("The computer started the recovery system.", tray.booted().get());
        assertFalse(tray.canRehearse());
        assertEquals("the system (active) and the previous system (passive) failed to start; the recovery system started"
                + " instead", StatusTexts.historyText(new StatusAnswer.HistoryEntry("2026-11-26T04:31:00Z", "fallback",
                java.util.Map.of("failed", "active,passive", "running", "recovery"))));
    }

    @Test
    void aFallbackToPassiveIsNotOneToRecovery() {
        engine.status = TrayFixtures.status("status-upgraded-fallback.json");
        tray.refresh();
        assertFalse(tray.fallbackToRecovery().get());
        assertEquals("passive", tray.status().get().orElseThrow().fallback().orElseThrow().to(),
                "an engine without \"to\" reports a fallback to passive");
    }

    @Test
    void aRefusedRollbackIsShownAndChangesNothing() {
        engine.status = TrayFixtures.status("status-upgraded-fallback.json");
        tray.refresh();
        engine.rollbackEvents = List.of(new Event.Error("T", "IN_USE", 66, "lock", "",
                "another upgrade runs (pid 42)", "", ""));
        tray.keepThisVersion();

        assertEquals("That did not work: another upgrade runs (pid 42)", tray.message().get());
        assertEquals(TrayState.FALLBACK, tray.state().get());
        assertFalse(tray.busy().get());
    }

    @Test
    void anUpgradeIsCheckedConfirmedFollowedAndEndsInRestartNeeded() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.sourceInfoBySource.put("/srv/cos-2.0", TrayFixtures.demo20());
        tray.refresh();

        tray.chooseSource("/srv/cos-2.0", false);
        assertEquals(UpgradeStage.CONFIRM, tray.upgradeStage().get());
        assertEquals("Upgrade to version 2.0? You are running 1.0.", tray.upgradeTitle().get());
        assertTrue(tray.upgradeFacts().get().contains("Digest: sha256:5d76f1026483e0e5ae86ca1f84fb478832f9a3badb264021db88b9008f5734d8"));
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("upgrade")), "nothing before the confirmation");

        List<String> seen = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Event event : TrayFixtures.events("upgrade-2.0.jsonl")) {
            events.add(event);
            if (event instanceof Event.Progress p && p.step().equals("transition")) {
                // What the tray shows while the engine writes, 30 s in.
                events.add(new Event.Log("T", "info", "probe"));
            }
        }
        engine.upgradeEvents = events;
        tray.fraction().addListener((obs, was, value) -> {
            now = now.plusSeconds(1);
            if (tray.upgradeStage().get() == UpgradeStage.RUNNING) {
                seen.add(tray.state().get() + " " + tray.tooltip().get() + " | " + tray.upgradeStep().get());
            }
        });
        engine.status = TrayFixtures.status("status-upgraded-restart.json");
        tray.confirmUpgrade();

        assertTrue(engine.calls.contains("upgrade /srv/cos-2.0"), engine.calls.toString());
        assertTrue(seen.stream().allMatch(s -> s.startsWith("UPGRADING cOS: upgrading, ")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.contains("(step 1 of 10)")), seen.toString());
        assertEquals(UpgradeStage.FINISHED, tray.upgradeStage().get());
        assertEquals("Version 2.0 is installed. It starts with the next start of the computer.", tray.upgradeTitle().get());
        assertEquals(TrayState.RESTART_NEEDED, tray.state().get());
        assertEquals("cOS: restart needed: 2.0 installed, 1.0 running", tray.tooltip().get());
        assertTrue(tray.history().get(0).endsWith("  Upgraded to 2.0"), "status read again: " + tray.history());

        tray.dismissUpgrade();
        assertEquals(UpgradeStage.NONE, tray.upgradeStage().get());
        assertEquals(TrayState.RESTART_NEEDED, tray.state().get(), "Later keeps the restart in the icon");
        tray.restartNow();
        assertEquals(List.of("reboot"), powerCalls);
    }

    /** Issue 13, item 2: the restart is read from the disk, so a tray started after the upgrade knows it too. */
    @Test
    void aNeededRestartIsReadFromTheDiskNotRememberedByTheWindow() {
        engine.status = TrayFixtures.status("status-upgraded-restart.json");
        tray.refresh();
        assertEquals(TrayState.RESTART_NEEDED, tray.state().get());
        assertEquals("cOS: restart needed: 2.0 installed, 1.0 running", tray.tooltip().get());

        // The system that runs is the one on disk as active (status says no restart): up to date.
        engine.status = TrayFixtures.status("status-upgraded-active.json");
        tray.refresh();
        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
    }

    /** Issue 13, item 3: GRUB skips the failed active from then on, and the window says until when. */
    @Test
    void afterAFallbackWhoseActiveIsSkippedTheNoticeSaysWhatStartsUntilWhen() {
        engine.status = TrayFixtures.status("status-fallback-skipped.json");
        tray.refresh();
        assertEquals(TrayState.FALLBACK, tray.state().get());
        assertEquals("Version 2.0 failed to start, so your computer is running the previous version 1.0. It starts"
                + " version 1.0 until you try the update again, keep this version or install another update.",
                tray.fallbackNotice().get());
    }

    @Test
    void anImageFileChosenInTheDialogIsReadAndConfirmedFirst() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.sourceInfoBySource.put("/srv/cos-2.0.tar", TrayFixtures.demo20());
        tray.refresh();
        tray.chooseFile(false);
        assertEquals(UpgradeStage.NONE, tray.upgradeStage().get(), "cancelled: nothing read");
        dialogs.openingFile(java.nio.file.Path.of("/srv/cos-2.0.tar"));
        tray.chooseFile(false);
        assertEquals(UpgradeStage.CONFIRM, tray.upgradeStage().get());
        assertEquals(List.of("Choose the system image to upgrade from", "Choose the system image to upgrade from"), dialogs.asked);
    }

    @Test
    void theUpgradesStepIsTheEnginesCodeInTheAppsLanguage() {
        try (SecondLanguage language = SecondLanguage.use()) {
            tray.apply(new Event.StepStarted("T", "unpack", "Unpacking " + SOURCE_20, "step.unpack",
                    java.util.Map.of("source", SOURCE_20), 6, 13));
            assertEquals("Malpakado de " + SOURCE_20 + " (step 6 of 13)", tray.upgradeStep().get());
        }
    }

    @Test
    void aFailedUpgradeSaysWhyAndNeedsNoRestart() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.sourceInfoBySource.put("/srv/cos-2.0", TrayFixtures.demo20());
        tray.refresh();
        tray.chooseSource("/srv/cos-2.0", false);
        engine.upgradeEvents = List.of(new Event.StepStarted("T", "transition", "Building the system image", 6, 10));
        // The fake engine returns that event as the last one: no result, so the upgrade failed.
        tray.confirmUpgrade();
        assertEquals(UpgradeStage.FAILED, tray.upgradeStage().get());
        assertEquals("The installer engine ended without saying whether it worked: treat it as failed, and look at the log."
                + " (Building the system image)", tray.upgradeFacts().get());
        assertEquals("NO_RESULT", tray.upgradeFailure().get().orElseThrow().code());
        assertEquals(TrayState.UP_TO_DATE, tray.state().get(), "a failed upgrade needs no restart");

        tray.dismissUpgrade();
        tray.chooseSource("/srv/cos-2.0", false);
        engine.upgradeEvents = List.of();
        engine.failure = new EngineException("LOCKED", 75, "another upgrade runs", "");
        tray.confirmUpgrade();
        assertEquals("another upgrade runs", tray.upgradeFacts().get());

        tray.dismissUpgrade();
        tray.chooseSource("/srv/cos-2.0", false);
        engine.upgradeEvents = new ArrayList<>();
        tray.apply(new Event.Progress("T", "unpack", 0.25, 0.5, 0, 0));
        now = now.plus(Duration.ofSeconds(30));
        tray.apply(new Event.Progress("T", "unpack", 0.25, 0.5, 0, 0));
        assertEquals("", tray.upgradeTime().get(), "nothing running: no time line");
    }

    @Test
    void progressShowsElapsedAndTimeLeft() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.sourceInfoBySource.put("/srv/cos-2.0", TrayFixtures.demo20());
        tray.refresh();
        tray.chooseSource("/srv/cos-2.0", false);
        List<String> times = new ArrayList<>();
        engine.upgradeEvents = List.of(new Event.Progress("T", "unpack", 0.25, 0.5, 0, 0),
                new Event.Progress("T", "unpack", 0.5, 0.5, 0, 0), Event.Result.success(60_000, Map.of()));
        tray.upgradeTime().addListener((obs, was, value) -> times.add(value));
        tray.fraction().addListener((obs, was, value) -> now = now.plusSeconds(30));
        tray.confirmUpgrade();
        assertEquals("Elapsed 0:00 \u00b7 estimating the time left...", times.get(0), times.toString());
        assertTrue(times.contains("Elapsed 0:30 \u00b7 about 1:30 left"), times.toString());
        assertTrue(times.contains("Elapsed 1:00 \u00b7 about 1:00 left"), times.toString());
    }

    @Test
    void anUnreadableImageIsRefusedBeforeAnything() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.inspectFailureBySource.put("/home/a/notes.txt", new EngineException("SOURCE", 50,
                "source /home/a/notes.txt is not in a format the installer reads", ""));
        tray.refresh();
        tray.chooseSource("/home/a/notes.txt", false);

        assertEquals(UpgradeStage.FAILED, tray.upgradeStage().get());
        assertEquals("That cannot be used as a system image.", tray.upgradeTitle().get());
        assertEquals("source /home/a/notes.txt is not in a format the installer reads", tray.upgradeFacts().get());
        tray.confirmUpgrade();
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("upgrade")));
    }

    @Test
    void aRecoveryUpgradeIsLabelledAndNeedsNoRestart() {
        engine.status = TrayFixtures.status("status-installed-active.json");
        engine.sourceInfoBySource.put("/srv/cos-2.0", TrayFixtures.demo20());
        tray.refresh();
        tray.chooseSource("/srv/cos-2.0", true);
        assertEquals("Replace the recovery system 1.0 with version 2.0?", tray.upgradeTitle().get());
        engine.upgradeEvents = List.of(Event.Result.success(1000, Map.of()));
        tray.confirmUpgrade();

        assertTrue(engine.calls.contains("upgrade /srv/cos-2.0 --recovery"), engine.calls.toString());
        assertEquals("The recovery system is now version 2.0.", tray.upgradeTitle().get());
        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
    }

    @Test
    void aRehearsalIsRequestedAndItsResultReadFromStatus() {
        engine.status = TrayFixtures.status("status-upgraded-active.json");
        tray.refresh();
        assertTrue(tray.canRehearse());
        engine.status = TrayFixtures.status("status-rehearsal-pending.json");
        tray.rehearseRollback();

        assertEquals(List.of("status", "bootentry passive --once --rehearsal", "status"), engine.calls);
        assertTrue(tray.message().get().startsWith("Rehearsal scheduled"), tray.message().get());
        assertEquals("A rollback rehearsal was requested 2026-11-26 04:30: at the next start the computer starts the"
                + " previous version 1.0 once, then comes back.", tray.rehearsal().get());
        assertFalse(tray.canRehearse(), "one is pending already");
        assertEquals("2026-11-26 04:30  Rollback rehearsal requested", tray.history().get(0));

        StatusAnswer passed = withRehearsal(engine.status, "passed", "passive booted and confirmed");
        engine.status = passed;
        tray.refresh();
        assertEquals("The rollback rehearsal of 2026-11-26 04:30 passed: the previous version 1.0 started and the"
                + " computer came back.", tray.rehearsal().get());
        engine.status = withRehearsal(passed, "failed", "passive.img could not be read by GRUB");
        tray.refresh();
        assertEquals("The rollback rehearsal of 2026-11-26 04:30 failed: passive.img could not be read by GRUB",
                tray.rehearsal().get());
    }

    @Test
    void anUnreadableStatusClaimsNothing() {
        engine.status = null;
        engine.failure = new EngineException("NOT_AUTHORIZED", 126, "Not authorized", "");
        tray.refresh();

        assertEquals(TrayState.UNKNOWN, tray.state().get());
        assertEquals("cOS: status not known", tray.tooltip().get());
        assertEquals("Could not read the system status: Not authorized", tray.message().get());
        assertFalse(tray.canRehearse());
    }

    @Test
    void everyCapturedStatusParses() {
        StatusAnswer recovery = TrayFixtures.status("status-installed-recovery.json");
        assertEquals("recovery", recovery.booted());
        // Offline "as booted passive" with active.img present is what the engine calls a fallback.
        engine.status = TrayFixtures.status("status-installed-passive.json");
        tray.refresh();
        assertEquals(TrayState.FALLBACK, tray.state().get());
        assertEquals("The main system failed to start, so your computer is running the previous system (both are"
                + " version 1.0).", tray.fallbackNotice().get());
        StatusAnswer fallback = TrayFixtures.status("status-upgraded-fallback.json");
        assertEquals("2.0", fallback.fallback().orElseThrow().failed().version());
        assertEquals(List.of("last boot fell back from active: running passive while active.img exists"), fallback.bootNotes());
        assertEquals(Optional.of(SOURCE_20), TrayFixtures.status("status-upgraded-configured.json").upgradeSource());
    }

    private static StatusAnswer withRehearsal(StatusAnswer s, String result, String reason) {
        return new StatusAnswer(s.booted(), s.date(), s.images(), s.freeBytes(), s.nextUpgradeBytes(), s.nextUpgradeFits(),
                Map.of(), s.bootNotes(), s.fallback(),
                Optional.of(new StatusAnswer.Rehearsal(s.rehearsal().orElseThrow().requestedAt(), result, reason)),
                s.history(), s.upgradeSource(), s.upgradeAllowUnverified(), s.skippedSlots(), s.restart());
    }

    private static final String URL = "https://updates.example.org/cos/demo-2.0.squashfs";
    private static final long MIB = 1024 * 1024;

    @Test
    void aConfiguredUrlIsOfferedButNotDownloadedJustToLook() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL);
        tray.refresh();

        assertEquals(URL, tray.configuredSource().get());
        assertEquals("Upgrades come from " + URL + ". It is downloaded only when you choose to upgrade from it.",
                tray.available().get());
        assertEquals(List.of("status"), engine.calls, "no inspect: that would download the whole image");
        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
    }

    @Test
    void upgradeFromTheConfiguredUrlShowsTheDownloadThenVersionAndDigestThenTheSameUpgrade() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL);
        engine.sourceInfoBySource.put(URL, TrayFixtures.demo20());
        engine.inspectEventsBefore = List.of(new Event.Progress("T", "download", 0, 0.25, 30 * MIB, 120 * MIB),
                new Event.Progress("T", "download", 0, 1, 120 * MIB, 120 * MIB));
        tray.refresh();
        List<String> checking = new ArrayList<>();
        tray.upgradeStep().addListener((obs, was, value) -> {
            if (tray.upgradeStage().get() == UpgradeStage.CHECKING) {
                checking.add(value + " " + tray.percent() + "%");
            }
        });

        tray.upgradeFromConfigured();
        assertEquals(List.of("30 of 120 MiB downloaded 25%", "120 of 120 MiB downloaded 100%", "Checking the image... 50%"),
                checking);
        assertEquals(UpgradeStage.CONFIRM, tray.upgradeStage().get());
        assertEquals("Upgrade to version 2.0? You are running 1.0.", tray.upgradeTitle().get());
        assertTrue(tray.upgradeFacts().get().contains("Version: 2.0")
                && tray.upgradeFacts().get().contains("Digest: sha256:5d76f1026483e0e5ae86ca1f84fb478832f9a3badb264021db88b9008f5734d8"),
                tray.upgradeFacts().get());
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("upgrade")), "nothing before the confirmation");

        List<String> running = new ArrayList<>();
        engine.upgradeEvents = List.of(new Event.StepStarted("T", "download", "Downloading " + URL, 4, 13),
                new Event.Progress("T", "download", 0.1, 0.5, 60 * MIB, 120 * MIB),
                Event.Result.success(1000, Map.of()));
        tray.upgradeStep().addListener((obs, was, value) -> running.add(value));
        engine.status = TrayFixtures.status("status-upgraded-restart.json");
        tray.confirmUpgrade();

        assertTrue(engine.calls.contains("upgrade " + URL), engine.calls.toString());
        assertTrue(running.contains("Downloading " + URL + " (step 4 of 13) \u00b7 60 of 120 MiB downloaded"), running.toString());
        assertEquals(UpgradeStage.FINISHED, tray.upgradeStage().get());
        assertEquals(TrayState.RESTART_NEEDED, tray.state().get());
    }

    @Test
    void aConfiguredUrlAllowedUnverifiedSaysSoAndItsConfirmationWarnsThatTheImageIsUnverified() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL, true);
        engine.sourceInfoBySource.put(URL, TrayFixtures.demo20Unverified(URL));
        tray.refresh();
        assertEquals("Upgrades come from " + URL + ". It is downloaded only when you choose to upgrade from it. Your"
                + " administrator allowed it without a digest (allow-unverified): if its server publishes none, nothing"
                + " checks that the image is the one intended.", tray.available().get());

        tray.upgradeFromConfigured();

        assertEquals(List.of("status", "inspect --allow-unverified " + URL), engine.calls, "allowed by the configuration");
        assertEquals(UpgradeStage.CONFIRM, tray.upgradeStage().get());
        assertEquals("Unverified image: " + URL + " publishes no digest, so nothing checks that this is the image its"
                + " publisher meant or that it arrived undamaged. It is offered only because your administrator allowed"
                + " unverified images. Upgrade only if you trust this server and the network to it.",
                tray.upgradeUnverified().get());
        engine.upgradeEvents = List.of(Event.Result.success(1000, Map.of("unverified", "true")));
        engine.status = TrayFixtures.status("status-upgraded-active.json");
        tray.confirmUpgrade();
        assertEquals(UpgradeStage.FINISHED, tray.upgradeStage().get());
        assertTrue(tray.upgradeUnverified().get().startsWith("Unverified image: "), "still said once it is installed");
        tray.dismissUpgrade();
        assertEquals("", tray.upgradeUnverified().get());
    }

    @Test
    void aConfiguredUrlNotAllowedUnverifiedIsInspectedWithoutTheOptOutAndAVerifiedImageHasNoWarning() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL, false);
        engine.sourceInfoBySource.put(URL, TrayFixtures.demo20());
        tray.refresh();
        assertEquals("Upgrades come from " + URL + ". It is downloaded only when you choose to upgrade from it.",
                tray.available().get());

        tray.upgradeFromConfigured();

        assertEquals(List.of("status", "inspect " + URL), engine.calls);
        assertEquals(UpgradeStage.CONFIRM, tray.upgradeStage().get());
        assertEquals("", tray.upgradeUnverified().get());
    }

    @Test
    void aChosenSourceIsNeverInspectedWithTheOptOut() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL, true);
        engine.sourceInfoBySource.put("/srv/cos-2.0.tar", TrayFixtures.demo20());
        tray.refresh();
        tray.chooseSource("/srv/cos-2.0.tar", false);
        assertEquals(List.of("status", "inspect /srv/cos-2.0.tar"), engine.calls);
    }

    @Test
    void aFailedDownloadOfTheConfiguredUrlSaysWhatWentWrongAndUpgradesNothing() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL);
        String refused = "cannot connect to updates.example.org:443 for " + URL
                + " (connection refused): is the server running? check the address";
        engine.inspectFailureBySource.put(URL, new EngineException("DOWNLOAD", 67, refused, ""));
        tray.refresh();

        tray.upgradeFromConfigured();
        assertEquals(UpgradeStage.FAILED, tray.upgradeStage().get());
        assertEquals("Could not get a usable system image from " + URL + ". Nothing was changed.", tray.upgradeTitle().get());
        assertEquals(refused, tray.upgradeFacts().get());
        tray.confirmUpgrade();
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("upgrade")), engine.calls.toString());
        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
    }

    @Test
    void anUpgradeWhoseDownloadBreaksSaysWhyInTheFailure() {
        engine.status = TrayFixtures.statusWithSource("status-installed-active.json", URL);
        engine.sourceInfoBySource.put(URL, TrayFixtures.demo20());
        tray.refresh();
        tray.upgradeFromConfigured();
        String broke = "downloading " + URL + " failed after 1048576 bytes (closed): the connection broke; check the network"
                + " and try again";
        engine.upgradeEvents = List.of(new Event.StepStarted("T", "download", "Downloading " + URL, 4, 13),
                new Event.Error("T", "DOWNLOAD", 67, "download", "Downloading " + URL, broke, "",
                        ""));
        tray.confirmUpgrade();

        assertEquals(UpgradeStage.FAILED, tray.upgradeStage().get());
        assertEquals("The upgrade failed; the running system is unchanged.", tray.upgradeTitle().get());
        assertEquals(broke + " (Downloading " + URL + ")", tray.upgradeFacts().get());
        assertEquals(TrayState.UP_TO_DATE, tray.state().get());
    }
}
