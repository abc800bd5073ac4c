package dev.cos.installer.app.engine;

import dev.cos.installer.api.DiskList;
import dev.cos.installer.api.InstallPlan;
import dev.cos.installer.api.InstallRequest;
import dev.cos.installer.api.SourceInfo;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process engine against tiny helper programs that answer like the CLI does (one script per call, in a {@link FakeSessionEngine}). */
class ProcessEngineTest {

    @TempDir
    Path dir;

    private ProcessEngine engine(String script) throws IOException {
        return new ProcessEngine(FakeSessionEngine.launcher(dir, script));
    }

    private static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name).toAbsolutePath();
    }

    @Test
    void readsTheDiskListTheCliPrints() throws Exception {
        DiskList disks = engine("[ \"$1 $2\" = \"disks --json\" ] || exit 2\ncat '" + fixture("disks.json") + "'\n").disks();
        assertEquals(4294967296L, disks.minimumSizeBytes());
        DiskList.Disk vda = disks.disks().get(0);
        assertEquals("/dev/vda", vda.path());
        assertFalse(vda.installable());
        assertEquals("holds-running-root", vda.reasons().get(0).kind());
    }

    @Test
    void readsThePlanWithItsExactCommandsAndPassesTheRequestArguments() throws Exception {
        Path args = dir.resolve("args");
        ProcessEngine engine = engine("printf '%s\\n' \"$@\" > '" + args + "'\ncat '" + fixture("plan-8g-image.json") + "'\n");
        InstallPlan plan = engine.plan(new InstallRequest("/tmp/fixture-plan.img", Optional.of("8G"), Optional.empty(), "hybrid", Map.of()));
        assertEquals(List.of("plan", "--json", "--target", "/tmp/fixture-plan.img", "--size", "8G", "--firmware", "hybrid"),
                Files.readAllLines(args));
        assertEquals("hybrid", plan.firmware());
        assertTrue(plan.partitions().stream().anyMatch(p -> "COS_STATE".equals(p.label())));
        assertTrue(plan.operations().stream().anyMatch(op -> op.text().startsWith("sgdisk")), "the plan lists the sgdisk command");
        assertTrue(plan.source().digest().startsWith("sha256:"));
    }

    @Test
    void aRefusalOfAJsonVerbBecomesTheEnginesMessage() throws Exception {
        EngineException refused = assertThrows(EngineException.class, () -> engine(
                "echo 'cos-installer: error: /dev/sdz: no such disk: check the path' >&2\nexit 47\n").plan(
                new InstallRequest("/dev/sdz", Optional.empty(), Optional.empty(), "efi", Map.of())));
        assertEquals("/dev/sdz: no such disk: check the path", refused.getMessage());
        assertEquals(47, refused.exitCode());
    }

    @Test
    void installStreamsEveryEventAndReturnsTheErrorAsTheLastEvent() throws Exception {
        ProcessEngine engine = engine(String.join("\n",
                "echo '{\"event\":\"start\",\"verb\":\"install\",\"facts\":{\"log\":\"/var/log/i.log\"}}'",
                "echo 'noise on stdout that is not JSON'",
                "echo '{\"event\":\"step-started\",\"step\":\"format\",\"title\":\"Creating filesystems\",\"index\":4,\"total\":12}'",
                "echo '{\"event\":\"error\",\"code\":\"FORMAT\",\"exitCode\":52,\"step\":\"format\",\"stepTitle\":\"Creating filesystems\",\"message\":\"mkfs failed\"}'",
                "exit 52", ""));
        List<Event> seen = new ArrayList<>();
        Event last = engine.install(new InstallRequest("/tmp/x.img", Optional.of("8G"), Optional.empty(), "hybrid", Map.of()), seen::add);
        assertEquals(3, seen.size());
        assertEquals("mkfs failed", assertInstanceOf(Event.Error.class, last).message());
    }

    @Test
    void anEngineThatDiesWithoutAResultIsAFailureNotASuccess() throws Exception {
        ProcessEngine engine = engine("echo '{\"event\":\"step-started\",\"step\":\"unpack\",\"title\":\"Unpacking\",\"index\":6,\"total\":12}'\n"
                + "echo 'Killed' >&2\nexit 137\n");
        EngineException died = assertThrows(EngineException.class, () -> engine.install(
                new InstallRequest("/tmp/x.img", Optional.empty(), Optional.empty(), "hybrid", Map.of()), e -> {}));
        assertEquals(137, died.exitCode());
        assertTrue(died.details().contains("Killed"));
    }

    @Test
    void inspectReadsTheResultSummary() throws Exception {
        ProcessEngine engine = engine(String.join("\n",
                "[ \"$1 $2 $3\" = \"inspect --progress=json /srv/os.tar\" ] || exit 2",
                "echo '{\"event\":\"progress\",\"step\":\"verify\",\"fraction\":0,\"stepFraction\":0.5,\"bytesDone\":5,\"bytesTotal\":10}'",
                "echo '{\"event\":\"result\",\"status\":\"success\",\"exitCode\":0,\"millis\":3,\"summary\":{\"uri\":\"file:///srv/os.tar\",\"name\":\"cOS demo 1.0\",\"version\":\"1.0\",\"bytes\":10,\"treeBytes\":4106,\"digest\":\"sha256:ab\"}}'",
                ""));
        List<Event> progress = new ArrayList<>();
        SourceInfo info = engine.inspect(Optional.of("/srv/os.tar"), progress::add);
        assertEquals(new SourceInfo("file:///srv/os.tar", "cOS demo 1.0", "1.0", 10, 4106, "sha256:ab"), info);
        assertInstanceOf(Event.Progress.class, progress.get(0), "the verify progress reaches the caller");
    }

    @Test
    void inspectImageAsksForNoPullAndReadsThePinnedImage() throws Exception {
        ProcessEngine engine = engine(String.join("\n",
                "[ \"$1 $2 $3 $4\" = \"inspect --progress=json --no-pull oci:r.example/cos:1.1\" ] || exit 2",
                "echo '{\"event\":\"result\",\"status\":\"success\",\"exitCode\":0,\"millis\":3,\"summary\":{\"uri\":"
                        + "\"oci:r.example/cos@sha256:d0\",\"name\":\"cOS 1.1\",\"version\":\"1.1\",\"bytes\":10,\"treeBytes\":0,"
                        + "\"digest\":\"sha256:d0\",\"image\":{\"reference\":\"oci:r.example/cos:1.1@sha256:d0\",\"digest\":\"sha256:d0\"}}}'",
                ""));
        SourceInfo info = engine.inspectImage("oci:r.example/cos:1.1", e -> {});
        assertEquals("oci:r.example/cos:1.1@sha256:d0", info.containerImage().orElseThrow().reference());
    }

    @Test
    void aMissingEngineProgramIsAClearMessage() {
        ProcessEngine engine = new ProcessEngine(new EngineLauncher(dir.resolve("no-such-engine"), false));
        EngineException missing = assertThrows(EngineException.class, engine::disks);
        assertEquals("ENGINE_MISSING", missing.code());
    }
}
