package dev.cos.installer.cli;

import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.testsupport.FakeWiring;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.api.Json;
import dev.cos.installer.disk.DiskFixtures;
import dev.cos.installer.disk.DiskScanner;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.model.Firmware;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Pins the JSON of every {@code --json} answer and every progress event, byte for byte (time
 * excepted), to test resources contract/: those files were written by the CLI as it was before the
 * contract moved into the api package (run once with -Dcontract.write=true), so the move changed no
 * field, order or value. A deliberate change of the contract rewrites them and says so in the docs.
 */
class JsonContractTest {

    private static final Path GOLDEN = Path.of("src/test/resources/contract");

    @TempDir
    Path root;

    private static void pin(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("contract.write")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }

    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.execute(args);
        return out.toString();
    }

    @Test
    void everyProgressEvent() throws IOException {
        pin("events.jsonl", ContractSamples.events());
    }

    @Test
    void checkJson() throws IOException {
        FakeWiring wiring = new FakeWiring(new RecordingCommandRunner(), root);
        wiring.tools = new RequiredTools(tool -> !Set.of("sgdisk", "mksquashfs").contains(tool));
        wiring.firmware = Firmware.BIOS;
        pin("check.json", run(Main.commandLine(Privileges.Check.ANY, wiring::build), "check", "--json"));
    }

    @Test
    void disksJson() throws IOException {
        FakeWiring wiring = new FakeWiring(DiskFixtures.capturedRunner(), root);
        wiring.files = new DiskFixtures.Tree(root).mountInfo(DiskFixtures.read("mountinfo-with-loop-mounted.txt")).files();
        pin("disks.json", run(Main.commandLine(Privileges.Check.ANY, wiring::build), "disks", "--json", "--min-size", "4G"));
    }

    @Test
    void repairDescribeJson() throws IOException {
        pin("repair-describe.json", run(new CommandLine(new RepairCommand()), "--describe", "--json"));
    }

    @Test
    void statusJson() throws IOException {
        pin("status-full.json", status(ContractSamples.fullStatus(), "https://example.org/os.squashfs", true));
        pin("status-plain.json", status(ContractSamples.plainStatus(), null, false));
    }

    @Test
    void inspectOfAContainerImageJson() throws IOException {
        pin("inspect-container.json", Json.line(InspectCommand.summary(ContractSamples.pulledFacts(),
                java.util.Optional.of(ContractSamples.osRelease()), false, java.util.Optional.of(ContractSamples.pinnedImage())))
                + "\n");
    }

    @Test
    void upgradeCheckJson() throws IOException {
        String digest = "sha256:" + "c0".repeat(32);
        pin("upgrade-check.json", Json.line(new dev.cos.installer.api.UpgradeCheck("oci:registry.example.org/cos/system:1.1",
                "oci:registry.example.org/cos/system:1.1@" + digest, "1.1", digest, "active", "dir:///old", "sha256:aa", true))
                + "\n");
    }

    @Test
    void diagnoseJson() throws IOException {
        pin("diagnose.json", diagnose(ContractSamples.diagnosis()));
    }

    @Test
    void theAnswersCarryEveryFieldOfTheEnginesRecords() {
        // Core's records gain fields (e.g. codes for translation): the api record must carry them too.
        dev.cos.installer.repair.Diagnosis diagnosis = ContractSamples.diagnosis();
        assertEquals(Json.mapper().valueToTree(diagnosis), Json.mapper().valueToTree(DiagnoseCommand.answer(diagnosis)));
        java.util.List<dev.cos.installer.repair.RepairAction> actions = dev.cos.installer.repair.RepairAction.all();
        assertEquals(Json.mapper().valueToTree(actions),
                Json.mapper().valueToTree(RepairCommand.catalog(actions).actions()));
    }

    // The two renderings whose entry points changed with the api package (each verb's own line).

    private static String status(dev.cos.installer.status.SystemStatus status, String upgradeSource, boolean allow) {
        return Json.line(StatusCommand.toJson(status, java.util.Optional.ofNullable(upgradeSource), allow)) + "\n";
    }

    private static String diagnose(dev.cos.installer.repair.Diagnosis diagnosis) {
        return Json.line(DiagnoseCommand.answer(diagnosis)) + "\n";
    }
}
