package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.JobFacts;
import dev.cos.installer.api.JobSummary;
import dev.cos.installer.api.Json;
import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.api.SourceInfo;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.api.SystemCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answers and event streams captured from the real engine (test resources fixtures/) read into the
 * api records the GUI uses and written back: no field the engine wrote is lost, and the record reads
 * back equal. Each verb's facts and summary also read into its own record.
 */
class EngineFixturesRoundTripTest {

    private static String text(String name) throws IOException {
        try (InputStream in = EngineFixturesRoundTripTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertTrue(in != null, "no fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every field of {@code captured} is in {@code written}, with the same value (the engine may only add). */
    private static void assertKept(JsonNode captured, JsonNode written, String where) {
        if (captured.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = captured.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                assertTrue(written.has(field.getKey()), where + ": " + field.getKey() + " lost");
                assertKept(field.getValue(), written.get(field.getKey()), where + "." + field.getKey());
            }
        } else if (captured.isArray()) {
            assertEquals(captured.size(), written.size(), where);
            for (int i = 0; i < captured.size(); i++) {
                assertKept(captured.get(i), written.get(i), where + "[" + i + "]");
            }
        } else if (captured.isNumber()) {
            assertEquals(captured.asDouble(), written.asDouble(), where);
        } else {
            assertEquals(captured, written, where);
        }
    }

    private static <T> T roundTrip(String name, String json, Class<T> type) throws IOException {
        T record = Json.read(json, type);
        String written = Json.line(record);
        assertKept(Json.mapper().readTree(json), Json.mapper().readTree(written), name);
        assertEquals(record, Json.read(written, type), name + " reads back equal");
        return record;
    }

    @Test
    void everyCapturedAnswer() throws IOException {
        for (String name : List.of("check.json")) {
            roundTrip(name, text(name), SystemCheck.class);
        }
        for (String name : List.of("disks.json", "disks-loop.json", "disks-loops.json")) {
            roundTrip(name, text(name), DiskList.class);
        }
        for (String name : List.of("plan-16g-disk.json", "plan-8g-existing-image.json", "plan-8g-image.json")) {
            roundTrip(name, text(name), InstallPlan.class);
        }
        for (String name : List.of("diagnose-after-fsck.json", "diagnose-fallback-recovery.json", "diagnose-fallback.json",
                "diagnose-healthy.json", "diagnose-oem-damaged.json", "diagnose-recovery-chosen.json")) {
            roundTrip(name, text(name), DiagnoseAnswer.class);
        }
        roundTrip("repair-describe.json", text("repair-describe.json"), RepairCatalog.class);
    }

    @Test
    void everyCapturedStatus() throws IOException {
        for (String name : List.of("status-fallback-recovery.json", "status-fallback-skipped.json",
                "status-installed-active.json", "status-installed-passive.json", "status-installed-recovery.json",
                "status-rehearsal-pending.json", "status-rolledback-configured.json", "status-upgraded-active.json",
                "status-upgraded-configured.json", "status-upgraded-fallback.json", "status-upgraded-restart.json")) {
            roundTrip(name, text("tray/" + name), StatusAnswer.class);
        }
    }

    @Test
    void everyCapturedEventStreamWithEachVerbsFactsAndSummary() throws IOException {
        Map<String, Class<?>> facts = Map.of("upgrade", JobFacts.Upgrade.class, "repair", JobFacts.Repair.class,
                "rollback", JobFacts.Rollback.class, "reset", JobFacts.Reset.class, "install", JobFacts.Install.class);
        Map<String, Class<?>> summaries = Map.of("upgrade", JobSummary.Upgrade.class, "repair", JobSummary.Repair.class,
                "rollback", JobSummary.Rollback.class, "reset", JobSummary.Reset.class, "install", JobSummary.Install.class,
                "inspect", SourceInfo.class);
        Map<String, String> streams = Map.of("repair-fsck-oem-failed.jsonl", "repair", "repair-fsck-yes.jsonl", "repair",
                "repair-grub-env.jsonl", "repair", "tray/upgrade-2.0.jsonl", "upgrade", "tray/rollback-swap.jsonl", "rollback",
                "tray/inspect-2.0.jsonl", "inspect");
        for (Map.Entry<String, String> stream : streams.entrySet()) {
            String verb = stream.getValue();
            for (String line : text(stream.getKey()).lines().filter(l -> !l.isBlank()).toList()) {
                Event event = roundTrip(stream.getKey(), line, Event.class);
                assertFalse(event instanceof Event.Other, stream.getKey() + ": " + line);
                if (event instanceof Event.Start start) {
                    assertEquals(verb, start.verb());
                    assertKept(Json.mapper().readTree(line).get("facts"),
                            Json.mapper().valueToTree(start.facts(facts.get(verb))), stream.getKey() + " facts");
                } else if (event instanceof Event.Result result) {
                    assertKept(Json.mapper().readTree(line).get("summary"),
                            Json.mapper().valueToTree(result.summary(summaries.get(verb))), stream.getKey() + " summary");
                }
            }
        }
    }
}
