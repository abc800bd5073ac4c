package dev.cos.installer.app.wizard.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.app.testsupport.FakeDialogService;
import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import dev.cos.installer.app.testsupport.FakeEngine;
import dev.cos.installer.app.testsupport.SameThreadBackground;
import dev.cos.installer.app.testsupport.SecondLanguage;
import dev.cos.installer.app.wizard.InstallOutcome;
import dev.cos.installer.app.wizard.Page;
import dev.cos.installer.app.wizard.TargetChoice;
import dev.cos.installer.app.wizard.WizardContext;
import dev.cos.installer.app.wizard.WizardModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressViewModelTest {

    private final FakeEngine engine = new FakeEngine();
    private final List<Page> shown = new ArrayList<>();
    private WizardModel model;
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private ProgressViewModel progress;

    @BeforeEach
    void setUp() {
        model = new WizardModel(Path.of("/tmp/cos.img"));
        model.target().set(new TargetChoice.ImageFile(Path.of("/tmp/cos.img"), 8L << 30));
        progress = new ProgressViewModel(new WizardContext(model, engine, new SameThreadBackground(), shown::add, new FakeDialogService()), () -> now);
    }

    @Test
    void theStepTitleIsTheEnginesCodeInTheAppsLanguage() {
        try (SecondLanguage language = SecondLanguage.use()) {
            progress.apply(new Event.StepStarted("T", "unpack", "Unpacking oci:cos:2.0", "step.unpack",
                    Map.of("source", "oci:cos:2.0"), 6, 13));
            assertEquals("Malpakado de oci:cos:2.0", progress.stepTitle().get());
            assertTrue(progress.log().contains("[6/13] Malpakado de oci:cos:2.0"), progress.log().toString());
            progress.apply(new Event.StepStarted("T", "sync", "Flushing data to disk", "step.sync", Map.of(), 7, 13));
            assertEquals("Flushing data to disk", progress.stepTitle().get(), "no translation: the engine's English");
        }
    }

    @Test
    void aSuccessfulInstallEndsOnTheDonePageWithTheEnginesSummary() {
        engine.installEvents = List.of(
                new Event.Start("T", "install", Map.of("log", "/var/log/cos.log")),
                new Event.StepStarted("T", "partition", "Partitioning /dev/loop3", 3, 12),
                new Event.Progress("T", "partition", 0.2, 1, 0, 0),
                new Event.Progress("T", "unpack", 0.1, 0.2, 0, 0),
                Event.Result.success(22000, Map.of("state", "4.0 GiB COS_STATE")));
        progress.onEnter();
        assertEquals(List.of(Page.DONE), shown);
        InstallOutcome.Success ok = assertInstanceOf(InstallOutcome.Success.class, model.outcome().get());
        assertEquals("4.0 GiB COS_STATE", ok.summary().get("state"));
        assertEquals(Optional.of("/var/log/cos.log"), ok.log());
        assertEquals(1.0, progress.fraction().get(), "the bar ends full");
        assertFalse(progress.running().get());
        assertTrue(progress.log().contains("[3/12] Partitioning /dev/loop3"), progress.log().toString());
        assertEquals("/var/log/cos.log", model.logFile().get());
    }

    @Test
    void theBarNeverMovesBackwards() {
        progress.apply(new Event.Progress("T", "unpack", 0.5, 0.5, 0, 0));
        progress.apply(new Event.Progress("T", "unpack", 0.4, 0.6, 0, 0));
        assertEquals(0.5, progress.fraction().get());
    }

    @Test
    void aFailedStepEndsOnTheDonePageAsAFailureNamingTheStep() {
        engine.installEvents = List.of(
                new Event.StepStarted("T", "format", "Creating filesystems", 4, 12),
                new Event.Error("T", "FORMAT", 52, "format", "Creating filesystems",
                        "mkfs.ext4 failed on /dev/loop3p5", "exit code 1", "/var/log/cos.log"));
        progress.onEnter();
        InstallOutcome.Failure failed = assertInstanceOf(InstallOutcome.Failure.class, model.outcome().get());
        assertEquals(Optional.of("Creating filesystems"), failed.stepTitle());
        assertEquals("mkfs.ext4 failed on /dev/loop3p5", failed.message());
        assertFalse(failed.nothingChanged());
        assertEquals(List.of(Page.DONE), shown);
    }

    @Test
    void anEngineThatCouldNotRunIsAFailureNeverASuccess() {
        engine.installEvents = List.of();
        engine.failure = new EngineException("NOT_AUTHORIZED", 127, "Not authorized", "pkexec said no");
        progress.onEnter();
        InstallOutcome.Failure failed = assertInstanceOf(InstallOutcome.Failure.class, model.outcome().get());
        assertEquals("NOT_AUTHORIZED", failed.code());
        assertEquals("Not authorized", failed.message());
    }

    @Test
    void theTimeLineCountsFromTheStartOfTheInstall() {
        assertEquals("", progress.timeLine(), "nothing before the install starts");
        engine.installEvents = List.of(Event.Result.success(1, Map.of()));
        progress.onEnter();
        now = now.plusSeconds(40);
        assertEquals("Elapsed 0:40 \u00b7 about 0:00 left", progress.timeLine());
    }
}
