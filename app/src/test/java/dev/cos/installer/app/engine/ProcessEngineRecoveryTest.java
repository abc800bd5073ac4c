package dev.cos.installer.app.engine;

import dev.cos.installer.api.RepairCatalog;
import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recovery verbs of the child-process engine against a helper program that replays captured CLI output. */
class ProcessEngineRecoveryTest {

    @TempDir
    Path dir;

    private Path args;

    private ProcessEngine engine(String script) throws IOException {
        args = dir.resolve("args");
        return new ProcessEngine(FakeSessionEngine.launcher(dir, "printf '%s\\n' \"$@\" > '" + args + "'\n" + script));
    }

    private static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name).toAbsolutePath();
    }

    @Test
    void anUnhealthyDiagnosisExitsOneAndIsStillAnAnswerWithTheOfflineSystemPassed() throws Exception {
        ProcessEngine engine = engine("cat '" + fixture("diagnose-oem-damaged.json") + "'\nexit 1\n")
                .offline(new OfflineSystem(Path.of("/tmp/r.img"), "recovery"));
        DiagnoseAnswer diagnosis = engine.diagnose();
        assertEquals(List.of("diagnose", "--json", "--target", "/tmp/r.img", "--as-booted", "recovery"), Files.readAllLines(args));
        assertFalse(diagnosis.healthy());
        assertEquals("fsck", diagnosis.findings().get(0).action());
        DiagnoseAnswer.PartitionCheck oem = diagnosis.partitions().stream().filter(p -> p.label().equals("COS_OEM")).findFirst().orElseThrow();
        assertEquals("errors", oem.result());
        assertEquals(12, oem.exitCode());
    }

    @Test
    void aHealthyDiagnosisReadsEverySection() throws Exception {
        DiagnoseAnswer diagnosis = engine("cat '" + fixture("diagnose-healthy.json") + "'\n").diagnose();
        assertEquals(List.of("diagnose", "--json"), Files.readAllLines(args));
        assertTrue(diagnosis.healthy());
        assertEquals("recovery", diagnosis.booted());
        assertEquals(5, diagnosis.partitions().size());
        assertEquals(List.of("active", "passive", "recovery"), diagnosis.images().stream().map(DiagnoseAnswer.ImageCheck::slot).toList());
        assertTrue(diagnosis.bootFiles().stream().allMatch(DiagnoseAnswer.FileCheck::ok));
        assertEquals(888201216L, diagnosis.freeBytes().get("COS_STATE"));
        assertEquals("", diagnosis.boot().failedSlot());
    }

    @Test
    void aDiagnosisThatFailsOtherwiseIsAnEngineError() throws Exception {
        EngineException e = assertThrows(EngineException.class,
                () -> engine("echo 'cos-installer: error: no cOS partitions found' >&2\nexit 3\n").diagnose());
        assertEquals("no cOS partitions found", e.getMessage());
    }

    @Test
    void describeListsEveryActionWithItsImpact() throws Exception {
        RepairCatalog catalog = engine("cat '" + fixture("repair-describe.json") + "'\n").describeRepairs();
        assertEquals(List.of("repair", "--describe", "--json"), Files.readAllLines(args));
        assertEquals(List.of("rollback", "rollback-swap", "fsck", "fsck-yes", "bootloader", "grub-env", "reset",
                "reset-persistent", "reset-oem"), catalog.actions().stream().map(RepairCatalog.Action::id).toList());
        assertTrue(catalog.action("reset-oem").orElseThrow().changes().contains("erases /oem (cloud-init configuration, GRUB's environment)"));
    }

    @Test
    void repairStreamsItsEventsAndReturnsTheError() throws Exception {
        ProcessEngine engine = engine("cat '" + fixture("repair-fsck-oem-failed.jsonl") + "'\nexit 65\n")
                .offline(new OfflineSystem(Path.of("/tmp/r.img"), "recovery"));
        List<Event> seen = new ArrayList<>();
        Event last = engine.repair(dev.cos.installer.api.RepairKind.FSCK, List.of("COS_OEM"), true, seen::add);
        assertEquals(List.of("repair", "--fsck", "--progress=json", "--target", "/tmp/r.img", "--as-booted", "recovery",
                "--partition", "COS_OEM", "--yes-fix"), Files.readAllLines(args));
        Event.Error failed = assertInstanceOf(Event.Error.class, last);
        assertEquals("FILESYSTEM", failed.code());
        assertTrue(seen.stream().anyMatch(e -> e instanceof Event.Log log && log.message().equals("COS_OEM: errors")));
    }

    @Test
    void resetAndRollbackPassTheirFlags() throws Exception {
        ProcessEngine engine = engine("cat '" + fixture("repair-grub-env.jsonl") + "'\n");
        engine.reset(true, true, e -> {});
        assertEquals(List.of("reset", "--progress=json", "--reset-persistent", "--reset-oem"), Files.readAllLines(args));
        engine.rollback(true, e -> {});
        assertEquals(List.of("rollback", "--swap", "--progress=json"), Files.readAllLines(args));
        List<Event> seen = new ArrayList<>();
        assertInstanceOf(Event.Result.class, engine("exit 0\n").rollback(false, seen::add));
        assertEquals(List.of("bootentry", "--select", "passive"), Files.readAllLines(args));
        assertEquals(1, seen.size());
    }
}
