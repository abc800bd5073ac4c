package dev.cos.installer.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** What the faces bind to: the run's state as properties, the log appended line by line (no window). */
class FxJobRunTest {

    private final FxJobRun job = new FxJobRun(() -> Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void thePropertiesFollowTheRun() {
        job.run().start("Installing to disk.img");
        assertTrue(job.running().get());
        assertEquals("Starting the installer engine...", job.stepTitle().get(), "before the engine names a step");
        job.run().apply(new Event.StepStarted("T", "format", "Creating filesystems", 4, 12));
        job.run().apply(new Event.Progress("T", "format", 0.4, 0.5, 0, 0));
        assertEquals("Creating filesystems", job.stepTitle().get());
        assertEquals("Step 4 of 12", job.stepCounter().get());
        assertEquals(0.4, job.fraction().get());
        job.run().finished(Event.Result.success(1000, Map.of()));
        assertFalse(job.running().get());
        assertTrue(job.outcome().get().orElseThrow() instanceof JobOutcome.Succeeded);
    }

    @Test
    void theLogIsAppendedSoAListFollowingItKeepsItsPlace() {
        List<String> added = new ArrayList<>();
        job.log().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                assertFalse(change.wasRemoved(), "a running log never rewrites what is shown");
                added.addAll(change.getAddedSubList());
            }
        });
        job.run().start("first");
        job.run().apply(new Event.Log("T", "info", "second"));
        job.run().apply(new Event.Progress("T", "unpack", 0.5, 0.5, 0, 0));
        assertEquals(List.of("first", "INFO  second"), added);
        assertEquals(added, job.log());
    }
}
