package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.JobRunner;
import dev.cos.installer.job.Step;
import dev.cos.installer.job.StepFailedException;
import dev.cos.installer.repair.Diagnosis;
import dev.cos.installer.words.Words;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The texts a GUI shows travel in the JSON as code + args beside the English (docs/progress-protocol.md, docs/repair.md). */
class EngineWordsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stepEventsCarryTheTitlesCodeAndArguments() throws Exception {
        StringWriter out = new StringWriter();
        ProgressPrinter printer = ProgressPrinter.create(ProgressPrinter.Format.JSON, new PrintWriter(out));
        List<Step> steps = List.of(
                new Step("unpack", Words.STEP_UNPACK.with("oci:cos:2.0"), 1, p -> { }),
                new Step("sync", Words.STEP_SYNC.with(), 1, p -> {
                    throw new InstallerException(ErrorCode.INTERNAL, "sync failed");
                }));
        StepFailedException failed = assertThrows(StepFailedException.class,
                () -> new JobRunner(printer).run(steps, step -> ErrorCode.INTERNAL));
        printer.failure(failed);

        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(JSON.readTree(line));
        }
        JsonNode unpack = events.get(0);
        assertEquals("step-started", unpack.get("event").asText());
        assertEquals("Unpacking oci:cos:2.0", unpack.get("title").asText());
        assertEquals("step.unpack", unpack.get("code").asText());
        assertEquals("{\"source\":\"oci:cos:2.0\"}", unpack.get("args").toString());
        JsonNode error = events.get(events.size() - 1);
        assertEquals("error", error.get("event").asText());
        assertEquals("INTERNAL", error.get("code").asText(), "the error's own code stays the failure kind");
        assertEquals("Flushing data to disk", error.get("stepTitle").asText());
        assertEquals("step.sync", error.get("stepCode").asText());
        assertEquals("{}", error.get("stepArgs").toString());
    }

    @Test
    void repairDescribeJsonCarriesEachTitlesCode() throws Exception {
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new RepairCommand());
        cli.setOut(new PrintWriter(out));

        assertEquals(0, cli.execute("--describe", "--json"));
        JsonNode rollback = JSON.readTree(out.toString()).get("actions").get(0);
        assertEquals("rollback", rollback.get("id").asText());
        assertEquals("Boot the previous system (passive) from now on", rollback.get("title").asText());
        assertEquals("action.rollback", rollback.get("code").asText());
        assertEquals("{}", rollback.get("args").toString());
    }

    @Test
    void aDiagnosisFindingCarriesItsCodeAndArguments() throws Exception {
        // diagnose --json writes the Diagnosis record as it is, with this mapper.
        Diagnosis.Finding finding = Diagnosis.Finding.of("error",
                Words.FINDING_IMAGE_ACTIVE.with("COS_STATE:/cOS/active.img", "missing"), "rollback");

        JsonNode json = JSON.readTree(JSON.writeValueAsString(finding));
        assertEquals("COS_STATE:/cOS/active.img is missing: the system falls back to passive; roll back"
                + " (rollback --swap) or reset from recovery", json.get("message").asText());
        assertEquals("finding.image.active", json.get("code").asText());
        assertEquals(Map.of("file", "COS_STATE:/cOS/active.img", "result", "missing"),
                JSON.convertValue(json.get("args"), Map.class));
        assertEquals("rollback", json.get("action").asText());
    }
}
