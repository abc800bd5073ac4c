package dev.cos.installer.history;

import dev.cos.installer.status.FallbackRecorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.model.Slot;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.status.Rehearsal;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history file, the rehearsal states and fallback detection: pure functions and one real file. */
class HistoryAndBootStateTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-27T10:00:00Z");
    private static final InstallState STATE = StateYamlReader.parse(FakeInstalledDisk.STATE_YAML, "test");

    @TempDir
    Path temp;

    @Test
    void aSourceUrlsPasswordAndQueryValuesAreNotWrittenToTheHistory() throws Exception {
        HistoryLog.append(temp, new HistoryEvent(T, "upgrade", Map.of("source", "https://al:pw@h/os.tar?sig=abc",
                "fromSource", "https://h/old.tar?token=xyz")));
        String written = Files.readString(HistoryLog.file(temp));
        assertTrue(written.contains("https://al:***@h/os.tar?sig=***") && written.contains("https://h/old.tar?token=***"),
                written);
        assertTrue(!written.contains("pw@") && !written.contains("abc") && !written.contains("xyz"), written);
    }

    @Test
    void appendedEventsReadBackInOrderAndATornLastLineIsSkipped() throws Exception {
        HistoryLog.append(temp, new HistoryEvent(T, "install", Map.of("source", "dir:///a", "version", "1")));
        HistoryLog.append(temp, new HistoryEvent(T.plusDays(1), "upgrade", Map.of("source", "dir:///b")));
        Files.writeString(HistoryLog.file(temp), "{\"time\":\"2026-11-29T00:00:00Z\",\"ki", java.nio.file.StandardOpenOption.APPEND);
        List<HistoryEvent> events = HistoryLog.read(temp);
        assertEquals(List.of("install", "upgrade"), events.stream().map(HistoryEvent::kind).toList());
        assertEquals("1", events.get(0).detail().get("version"));
        assertEquals(T.plusDays(1), events.get(1).time());
        // Appending after a torn line still gives a readable next line (the torn one stays skipped).
        Files.writeString(HistoryLog.file(temp), "\n", java.nio.file.StandardOpenOption.APPEND);
        HistoryLog.append(temp, new HistoryEvent(T.plusDays(2), "rollback", Map.of()));
        assertEquals(3, HistoryLog.read(temp).size());
        assertEquals(List.of(), HistoryLog.read(temp.resolve("nowhere")), "no file: no history");
    }

    @Test
    void rehearsalStatesFromTheGrubEnvironment() {
        assertEquals(Optional.empty(), Rehearsal.read(Map.of()));
        assertEquals("pending", Rehearsal.read(Map.of("cos_rehearsal", "pending", "next_entry", "fallback",
                "cos_rehearsal_at", "2026-11-27T10:00:00Z")).orElseThrow().result());
        assertEquals("2026-11-27T10:00:00Z", Rehearsal.read(Map.of("cos_rehearsal", "passed",
                "cos_rehearsal_at", "2026-11-27T10:00:00Z")).orElseThrow().requestedAt());
        assertEquals("passed", Rehearsal.read(Map.of("cos_rehearsal", "passed")).orElseThrow().result());
        for (Map<String, String> failed : List.of(Map.of("cos_rehearsal", "booting"), Map.of("cos_rehearsal", "failed"),
                Map.of("cos_rehearsal", "pending"), Map.of("cos_rehearsal", "pending", "next_entry", "recovery"))) {
            assertEquals("failed", Rehearsal.read(failed).orElseThrow().result(), failed::toString);
        }
    }

    @Test
    void aFallbackIsRecordedOncePerStateAndNotForChosenOrRehearsedPassiveBoots() {
        Optional<HistoryEvent> event = FallbackRecorder.event(Optional.of(Slot.PASSIVE), true, Map.of(), STATE, List.of(), T);
        assertEquals("fallback", event.orElseThrow().kind());
        assertEquals("dir:///old", event.get().detail().get("failedSource"));
        assertEquals("dir:///older", event.get().detail().get("runningSource"));
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.PASSIVE), true, Map.of(), STATE,
                List.of(event.get()), T.plusHours(1)), "already recorded for this state.yaml");
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.ACTIVE), true, Map.of(), STATE, List.of(), T));
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.PASSIVE), false, Map.of(), STATE, List.of(), T),
                "no active.img: passive is all there is");
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.PASSIVE), true,
                Map.of("saved_entry", "fallback"), STATE, List.of(), T), "passive was chosen");
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.PASSIVE), true,
                Map.of("cos_rehearsal", "passed"), STATE, List.of(), T), "the rehearsal boot itself");
        assertTrue(HistoryLog.render(event.get()).startsWith("{\"time\":\"2026-11-27T10:00:00Z\",\"kind\":\"fallback\","),
                HistoryLog.render(event.get()));
    }

    @Test
    void aFallbackToRecoveryIsRecordedWithBothFailedImagesAndNotForAChosenRecoveryBoot() {
        Map<String, String> fallback = Map.of("cos_recovery_reason", "fallback");
        HistoryEvent event = FallbackRecorder.event(Optional.of(Slot.RECOVERY), true, fallback, STATE, List.of(), T)
                .orElseThrow();
        assertEquals("active,passive", event.detail().get("failed"));
        assertEquals("dir:///old", event.detail().get("failedSource"));
        assertEquals("dir:///older", event.detail().get("passiveSource"));
        assertEquals("recovery", event.detail().get("running"));
        assertEquals("sha256:aa", event.detail().get("runningDigest"));
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.RECOVERY), true, fallback, STATE,
                List.of(event), T.plusHours(1)), "already recorded for this state.yaml");
        HistoryEvent toPassive = FallbackRecorder.event(Optional.of(Slot.PASSIVE), true, Map.of(), STATE, List.of(), T)
                .orElseThrow();
        assertTrue(FallbackRecorder.event(Optional.of(Slot.RECOVERY), true, fallback, STATE, List.of(toPassive), T)
                .isPresent(), "a fallback to passive earlier is another event");
        assertEquals(Optional.empty(), FallbackRecorder.event(Optional.of(Slot.RECOVERY), true,
                Map.of("cos_recovery_reason", "chosen"), STATE, List.of(), T), "recovery was chosen");
    }
}
