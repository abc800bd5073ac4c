package dev.cos.installer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every answer and event: record -> JSON -> record gives the same record, and JSON -> record -> JSON the
 * same JSON (no field lost), over the JSON the CLI writes (test resources contract/, pinned by
 * cli.JsonContractTest); the field names of each verb's facts and summary pinned.
 */
class JsonRoundTripTest {

    private static final Path CONTRACT = Path.of("src/test/resources/contract");

    private static String golden(String name) throws IOException {
        return Files.readString(CONTRACT.resolve(name), StandardCharsets.UTF_8);
    }

    /** JSON -> record -> JSON is the same tree, and record -> JSON -> record the same record. */
    private static <T> T roundTrip(String json, Class<T> type) throws IOException {
        T record = Json.read(json, type);
        String written = Json.line(record);
        assertEquals(Json.mapper().readTree(json), Json.mapper().readTree(written), type.getSimpleName() + " keeps every field");
        assertEquals(record, Json.read(written, type), type.getSimpleName() + " reads back equal");
        return record;
    }

    private static List<String> fieldNames(Object record) {
        List<String> names = new ArrayList<>();
        Json.mapper().valueToTree(record).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void answers() throws IOException {
        assertEquals("bios", roundTrip(golden("check.json"), SystemCheck.class).firmware());
        assertEquals(2, roundTrip(golden("disks.json"), DiskList.class).disks().size());
        assertEquals(9, roundTrip(golden("repair-describe.json"), RepairCatalog.class).actions().size());
        assertEquals("offline", roundTrip(golden("diagnose.json"), DiagnoseAnswer.class).booted());
        StatusAnswer full = roundTrip(golden("status-full.json"), StatusAnswer.class);
        assertTrue(full.fallback().isPresent() && full.restart().isPresent() && full.rehearsal().isPresent());
        assertEquals(Optional.of("https://example.org/os.squashfs"), full.upgradeSource());
        assertEquals(Optional.empty(), roundTrip(golden("status-plain.json"), StatusAnswer.class).fallback());
    }

    @Test
    void thePlan() throws IOException {
        InstallPlan plan = new InstallPlan("/tmp/disk.img", "new_image_file", 8L << 30, 3L << 30, 512, "hybrid", false,
                List.of(new InstallPlan.Partition(1, "bios", "EF02", 2048, 4095, 1, 1, null, null)),
                List.of(new InstallPlan.Image("COS_RECOVERY:/cOS/recovery.squashfs", "squashfs", null, 300)),
                new InstallPlan.Source("dir:///srv/tree", "sha256:ab", 10, 20), 2048,
                List.of(new InstallPlan.Operation("command", "sgdisk --zap-all /tmp/disk.img")), true);
        InstallPlan read = roundTrip(Json.line(plan), InstallPlan.class);
        assertEquals(plan, read);
        assertEquals(List.of("target", "targetKind", "diskBytes", "minimumDiskBytes", "sectorBytes", "firmware", "scaled",
                "partitions", "images", "source", "upgradeCapacityMiB", "operations", "unverified"), fieldNames(plan));
        assertTrue(!Json.line(new InstallPlan("t", "k", 1, 1, 512, "efi", false, List.of(), List.of(), plan.source(), 1,
                List.of(), false)).contains("unverified"), "unverified is written only when true");
    }

    @Test
    void everyEventOfTheStream() throws IOException {
        List<String> types = new ArrayList<>();
        for (String line : golden("events.jsonl").lines().toList()) {
            Event event = roundTrip(line, Event.class);
            types.add(event.getClass().getSimpleName());
            assertEquals(Optional.of(event), Json.event(line));
        }
        assertEquals(List.of("Progress", "Progress", "Start", "StepStarted", "StepStarted", "Progress", "Progress", "Log", "StepFinished",
                "Error", "Error", "Result"), types);
    }

    @Test
    void linesThatAreNotEventsAreSkippedAndUnknownEventsKept() {
        assertEquals(Optional.empty(), Json.event("Error executing command as another user: Not authorized"));
        assertEquals(Optional.empty(), Json.event("{broken"));
        assertInstanceOf(Event.Other.class, Json.event("{\"event\":\"heartbeat\",\"time\":\"t\"}").orElseThrow());
        Event.Error early = assertInstanceOf(Event.Error.class, Json.event(
                "{\"event\":\"error\",\"code\":\"SOURCE\",\"exitCode\":50,\"message\":\"no such file\"}").orElseThrow());
        assertEquals(Optional.empty(), early.failedStep(), "a refusal before writing names no step");
        assertEquals("", early.details());
        Event.Progress noBytes = assertInstanceOf(Event.Progress.class, Json.event(
                "{\"event\":\"progress\",\"step\":\"sync\",\"fraction\":1.0,\"stepFraction\":1.0}").orElseThrow());
        assertTrue(!noBytes.hasBytes());
    }

    private static <T> void factsRoundTrip(T record, List<String> names) {
        Map<String, Object> map = Json.toMap(record);
        assertEquals(names, new ArrayList<>(map.keySet()), record.getClass().getName());
        Event.Start start = new Event.Start("t", "verb", map);
        Event.Start read = assertInstanceOf(Event.Start.class, Json.event(Json.line(start)).orElseThrow());
        assertEquals(start, read);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        assertEquals(record, read.facts(type));
    }

    private static <T> void summaryRoundTrip(T record, List<String> names) {
        Event.Result result = Event.Result.success(5, record);
        assertEquals(names, new ArrayList<>(result.summary().keySet()), record.getClass().getName());
        Event.Result read = assertInstanceOf(Event.Result.class, Json.event(Json.line(result)).orElseThrow());
        assertEquals(result, read);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        assertEquals(record, read.summary(type));
    }

    @Test
    void eachVerbsFacts() {
        factsRoundTrip(new JobFacts.Install("/tmp/d.img (8.0 GiB)", "dir:///t", "sha256:ab", "efi", "/l", true),
                List.of("target", "source", "digest", "firmware", "log", "unverified"));
        factsRoundTrip(new JobFacts.Install("/tmp/d.img (8.0 GiB)", "dir:///t", "sha256:ab", "efi", "/l", false),
                List.of("target", "source", "digest", "firmware", "log"));
        factsRoundTrip(new JobFacts.Upgrade("the running system", "dir:///t", "recovery", "/l"),
                List.of("target", "source", "image", "log"));
        factsRoundTrip(new JobFacts.Reset("the running system", "the recovery image", "kept", "reformatted", "/l"),
                List.of("target", "source", "persistent", "oem", "log"));
        factsRoundTrip(new JobFacts.Repair("the running system", "fsck (-p), bootloader", "/l"),
                List.of("target", "actions", "log"));
        factsRoundTrip(new JobFacts.Rollback("the running system", "/l"), List.of("target", "log"));
    }

    @Test
    void eachVerbsSummary() {
        Map<String, String> partitions = new LinkedHashMap<>();
        partitions.put("bios", "1.0 MiB");
        partitions.put("oem", "64.0 MiB COS_OEM");
        summaryRoundTrip(new JobSummary.Install("/tmp/d.img", partitions, "3.0 GiB active.img + passive.img on COS_STATE",
                "/l", true), List.of("target", "bios", "oem", "system", "log", "unverified"));
        summaryRoundTrip(new JobSummary.Upgrade("active", "dir:///t", "sha256:ab", "dir:///t", "dir:///old", null, "/l",
                false), List.of("booted", "source", "digest", "active", "passive", "log"));
        summaryRoundTrip(new JobSummary.Upgrade("active", "dir:///t", "sha256:ab", null, null, "dir:///t", "/l", true),
                List.of("booted", "source", "digest", "recovery", "log", "unverified"));
        summaryRoundTrip(new JobSummary.Reset("dir:///r", "dir:///r", "kept", "kept", "/l", false),
                List.of("active", "passive", "persistent", "oem", "log"));
        summaryRoundTrip(new JobSummary.Repair(List.of("fsck"), List.of(new JobSummary.FsckResult("oem", "COS_OEM",
                "/dev/loop0p2", "ext4", "repaired", 1, List.of("e2fsck: fixed"))), "/l"), List.of("actions", "fsck", "log"));
        summaryRoundTrip(new JobSummary.Rollback("dir:///b", "sha256:b", "dir:///a", "sha256:a", "/l"),
                List.of("active", "activeDigest", "passive", "passiveDigest", "log"));
        summaryRoundTrip(new SourceInfo("file:///os.img", "cOS 2.0", "2.0", 10, 20, "sha256:ab", true),
                List.of("uri", "name", "version", "bytes", "treeBytes", "digest", "unverified"));
        summaryRoundTrip(new SourceInfo("file:///os.img", "", "", 10, 20, "sha256:ab"),
                List.of("uri", "name", "version", "bytes", "treeBytes", "digest"));
        summaryRoundTrip(new SourceInfo("oci:r.example/cos@sha256:ab", "cOS 2.0", "2.0", 10, 20, "sha256:ab", false,
                new ContainerImage("oci:r.example/cos:2.0@sha256:ab", "oci:r.example/cos@sha256:ab", "2.0", "sha256:ab",
                        "sha256:cd", "linux/amd64", 10, "2026-12-01T10:00:00Z",
                        java.util.Map.of("org.opencontainers.image.version", "2.0"), ContainerImage.VERIFIED,
                        "sha256:0123456789abcdef")),
                List.of("uri", "name", "version", "bytes", "treeBytes", "digest", "image"));
    }

    @Test
    void requestsAndFieldNamesOfTheAnswers() throws IOException {
        JsonNode check = Json.mapper().readTree(golden("check.json"));
        assertEquals(List.of("firmware", "ready", "tools", "missingPackages"), names(check));
        assertEquals(List.of("tool", "package", "present"), names(check.get("tools").get(0)));
        JsonNode disks = Json.mapper().readTree(golden("disks.json"));
        assertEquals(List.of("minimumSizeBytes", "disks"), names(disks));
        assertEquals(List.of("path", "name", "type", "sizeBytes", "size", "model", "serial", "transport", "removable",
                "readOnly", "sectorSizeBytes", "installable", "reasons", "partitions"), names(disks.get("disks").get(0)));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
