package dev.cos.installer.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.Event;
import dev.cos.installer.app.engine.EngineException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Engine events in, what a person follows out: share done, step, time left, log, outcome. No window. */
class JobRunTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final JobRun run = new JobRun(() -> now);

    @Test
    void eventsBecomeTheBarTheStepTheLogAndTheOutcome() {
        run.start("Installing to disk.img");
        run.apply(new Event.Start("T", "install", Map.of("log", "/var/log/cos.log")));
        run.apply(new Event.StepStarted("T", "partition", "Partitioning /dev/loop3", 3, 12));
        run.apply(new Event.Progress("T", "partition", 0.25, 1, 0, 0));
        run.apply(new Event.Log("T", "info", "created 6 partitions"));
        run.apply(new Event.StepFinished("T", "partition", 65_000));
        assertTrue(run.running());
        assertEquals(0.25, run.fraction());
        assertEquals(Optional.of(new JobRun.Step("partition", "Partitioning /dev/loop3", 3, 12)), run.step());
        assertEquals(Optional.of("/var/log/cos.log"), run.logFile());

        JobOutcome outcome = run.finished(Event.Result.success(22_000, Map.of("state", "4.0 GiB COS_STATE")));
        JobOutcome.Succeeded ok = assertInstanceOf(JobOutcome.Succeeded.class, outcome);
        assertEquals(Optional.of("/var/log/cos.log"), ok.log());
        assertEquals("4.0 GiB COS_STATE", ok.summary().get("state"));
        assertEquals(1.0, run.fraction(), "the bar ends full");
        assertFalse(run.running());
        assertEquals(List.of("Installing to disk.img", "Engine log: /var/log/cos.log", "[3/12] Partitioning /dev/loop3",
                "INFO  created 6 partitions", "     done: partition in 1:05", "Finished successfully in 0:22"), run.log());
    }

    @Test
    void theBarNeverMovesBackwards() {
        run.start("");
        run.apply(new Event.Progress("T", "unpack", 0.5, 0.5, 0, 0));
        run.apply(new Event.Progress("T", "unpack", 0.4, 0.6, 0, 0));
        run.apply(new Event.Progress("T", "unpack", 7, 1, 0, 0));
        assertEquals(1.0, run.fraction(), "clamped to the whole job");
    }

    @Test
    void aDownloadStepCountsItsBytes() {
        run.start("");
        run.apply(new Event.StepStarted("T", "download", "Downloading the image", 1, 8));
        run.apply(new Event.Progress("T", "download", 0.1, 0.5, 512, 1024));
        assertEquals(Optional.of(new JobRun.Download(512, 1024)), run.download());
        run.apply(new Event.StepStarted("T", "verify", "Checking the image", 2, 8));
        assertEquals(Optional.empty(), run.download());
    }

    @Test
    void aFailedStepIsAFailureNamingTheStepWithTheEnginesWords() {
        run.start("");
        run.apply(new Event.Start("T", "install", Map.of("log", "/var/log/cos.log")));
        run.apply(new Event.StepStarted("T", "format", "Creating filesystems", 4, 12));
        Event.Error error = new Event.Error("T", "FORMAT", 52, "format", "Creating filesystems",
                "mkfs.ext4 failed on /dev/loop3p5", "exit code 1", "");
        run.apply(error);
        JobOutcome.Failed failed = assertInstanceOf(JobOutcome.Failed.class, run.finished(error));
        assertEquals("FORMAT", failed.code());
        assertEquals(Optional.of("Creating filesystems"), failed.stepTitle());
        assertEquals("exit code 1", failed.details());
        assertEquals(Optional.of("/var/log/cos.log"), failed.log(), "the log the engine named at the start");
        assertFalse(failed.nothingChanged());
        assertTrue(run.log().contains("FAILED: mkfs.ext4 failed on /dev/loop3p5"), run.log().toString());
    }

    @Test
    void anEngineThatStopsWithoutAResultFailedNeverSucceeded() {
        run.start("");
        run.apply(new Event.StepStarted("T", "transition", "Building the system image", 6, 10));
        JobOutcome.Failed failed = assertInstanceOf(JobOutcome.Failed.class,
                run.finished(new Event.StepStarted("T", "transition", "Building the system image", 6, 10)));
        assertEquals("NO_RESULT", failed.code());
        assertEquals(Optional.of("Building the system image"), failed.stepTitle());
        assertFalse(failed.nothingChanged(), "it may have written: never say the disk is unchanged");
    }

    @Test
    void anEngineThatCouldNotRunIsAFailureInWords() {
        run.start("");
        JobOutcome.Failed refused = assertInstanceOf(JobOutcome.Failed.class,
                run.crashed(new EngineException("NOT_AUTHORIZED", 127, "Not authorized", "pkexec said no")));
        assertEquals("NOT_AUTHORIZED", refused.code());
        assertEquals("Not authorized", refused.message());
        assertEquals("pkexec said no", refused.details());

        run.start("");
        JobOutcome.Failed broken = assertInstanceOf(JobOutcome.Failed.class, run.crashed(new IOException("Broken pipe")));
        assertEquals("INTERNAL", broken.code());
        assertFalse(broken.message().contains("IOException"), "no class names for people: " + broken.message());
    }

    @Test
    void theTimeLeftComesFromTheShareDoneSinceTheStart() {
        assertEquals("", run.timeLine(), "nothing before the start");
        run.start("");
        now = now.plusSeconds(1);
        run.apply(new Event.Progress("T", "unpack", 0.01, 0.1, 0, 0));
        assertEquals("Elapsed 0:01 \u00b7 estimating the time left...", run.timeLine(), "too early to say");
        now = now.plusSeconds(9);
        run.apply(new Event.Progress("T", "unpack", 0.25, 0.5, 0, 0));
        assertEquals("Elapsed 0:10 \u00b7 about 0:30 left", run.timeLine());
        run.finished(Event.Result.success(10_000, Map.of()));
        assertEquals("Elapsed 0:10 \u00b7 about 0:00 left", run.timeLine());
    }

    @Test
    void durationsReadAsMinutesAndSeconds() {
        assertEquals("1:05", JobRun.formatDuration(Duration.ofSeconds(65)));
        assertEquals("1:00:01", JobRun.formatDuration(Duration.ofSeconds(3601)));
        assertEquals("0:00", JobRun.formatDuration(Duration.ofSeconds(-3)));
        assertEquals(Optional.of(Duration.ofSeconds(30)), JobRun.estimateLeft(Duration.ofSeconds(10), 0.25));
    }

    @Test
    void aNewRunForgetsTheLastOne() {
        run.start("first");
        run.apply(new Event.Progress("T", "unpack", 0.5, 0.5, 0, 0));
        run.finished(Event.Result.success(1, Map.of()));
        run.start("second");
        assertEquals(0.0, run.fraction());
        assertEquals(Optional.empty(), run.outcome());
        assertEquals(List.of("second"), run.log());
        assertTrue(run.running());
    }
}
