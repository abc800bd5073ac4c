package dev.cos.installer.cli;

import dev.cos.installer.api.DiagnoseAnswer;
import dev.cos.installer.api.Json;
import dev.cos.installer.repair.Diagnosis;
import dev.cos.installer.service.DiagnoseService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cos-installer diagnose}: read-only checks of every partition, image, GRUB file and the boot assessment. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnose an installed cOS system without changing it: filesystem checks (e2fsck -fn,"
                + " fsck.vfat -n) of each partition, the images (present, readable, their own check), GRUB's files,"
                + " the GRUB environment blocks, both state.yaml copies, free space, and which slot failed to boot.",
                "Exit code 0 when healthy, 1 when a finding is an error (the JSON says which repair addresses it)."})
final class DiagnoseCommand implements Callable<Integer> {

    @Mixin
    SystemOptions system;

    @Mixin
    AnswerOutput output;

    @Mixin
    EngineWiring wiring;

    @Override
    public Integer call() throws Exception {
        Diagnosis diagnosis = new DiagnoseService(wiring.get()).diagnose(system.location(false));
        output.print(() -> Json.line(answer(diagnosis)), out -> printText(diagnosis, out));
        return diagnosis.healthy() ? 0 : 1;
    }

    /** The diagnosis as the contract's answer, field for field (JsonContractTest checks none is lost). */
    static DiagnoseAnswer answer(Diagnosis diagnosis) {
        return Json.mapper().convertValue(diagnosis, DiagnoseAnswer.class);
    }

    private static void printText(Diagnosis diagnosis, PrintWriter out) {
        out.printf("booted: %s%n", diagnosis.booted());
        out.println(diagnosis.healthy() ? "healthy: no errors found" : "PROBLEMS FOUND:");
        for (Diagnosis.Finding finding : diagnosis.findings()) {
            out.printf("  %-7s %s%s%n", finding.severity(), finding.message(),
                    finding.action().isEmpty() ? "" : "  [repair: " + finding.action() + "]");
        }
        for (Diagnosis.PartitionCheck p : diagnosis.partitions()) {
            out.printf("%-11s %-15s %-6s %s%s%n", p.partition(), p.label(), p.fs(), p.result(),
                    p.note().isEmpty() ? "" : " (" + p.note() + ")");
        }
        for (Diagnosis.ImageCheck image : diagnosis.images()) {
            out.printf("%-11s %s: %s%n", image.slot(), image.file(), image.result());
        }
        diagnosis.freeBytes().forEach((label, bytes) -> out.printf("free:       %s %d bytes%n", label, bytes));
    }
}
