package dev.cos.installer.app.engine;

import dev.cos.installer.api.OfflineSystem;
import dev.cos.installer.api.StatusAnswer;
import dev.cos.installer.api.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, upgrade, bootentry and rollback through the child-process engine, online and offline. */
class ProcessEngineSystemVerbsTest {

    @TempDir
    Path dir;

    private Path args;

    private ProcessEngine engine(String answer, Optional<OfflineSystem> offline) throws IOException {
        args = dir.resolve("args");
        return new ProcessEngine(FakeSessionEngine.launcher(dir, "printf '%s\\n' \"$@\" > '" + args + "'\n" + answer), offline);
    }

    private static String fixture(String name) {
        return Path.of("src/test/resources/fixtures/tray", name).toAbsolutePath().toString();
    }

    @Test
    void upgradeCheckAsksForTheSourceOfflineAndReadsTheAnswer() throws Exception {
        OfflineSystem offline = new OfflineSystem(Path.of("/tmp/x.img"), "active");
        String answer = "{\"source\":\"oci:r.example/cos:1.2\",\"reference\":\"oci:r.example/cos:1.2@sha256:d0\","
                + "\"tag\":\"1.2\",\"digest\":\"sha256:d0\",\"slot\":\"active\",\"installedSource\":\"oci:r.example/cos@sha256:3f\","
                + "\"installedDigest\":\"sha256:3f\",\"updateAvailable\":true}";
        dev.cos.installer.api.UpgradeCheck check = engine("echo '" + answer + "'\n", Optional.of(offline))
                .upgradeCheck("oci:r.example/cos:1.2");
        assertEquals(List.of("upgrade-check", "--json", "--source", "oci:r.example/cos:1.2", "--target", "/tmp/x.img",
                "--as-booted", "active"), Files.readAllLines(args));
        assertEquals("oci:r.example/cos:1.2@sha256:d0", check.reference());
        assertEquals(true, check.updateAvailable());
    }

    @Test
    void statusReadsTheCapturedAnswerOfflineWithTheTargetArguments() throws Exception {
        OfflineSystem offline = new OfflineSystem(Path.of("/tmp/x.img"), "passive");
        StatusAnswer status = engine("cat '" + fixture("status-upgraded-fallback.json") + "'\n", Optional.of(offline)).status();
        assertEquals(List.of("status", "--json", "--target", "/tmp/x.img", "--as-booted", "passive"), Files.readAllLines(args));
        assertEquals("passive", status.booted());
        assertEquals(List.of("active", "passive", "recovery"), List.copyOf(status.images().keySet()));
        assertEquals("2.0", status.fallback().orElseThrow().failed().version());
        assertEquals(830 * 1024 * 1024L, status.stateFreeBytes() >> 20 << 20);
        assertEquals(List.of("install", "upgrade"), status.history().stream().map(StatusAnswer.HistoryEntry::kind).toList());
    }

    @Test
    void upgradeStreamsTheEventsAndEndsWithTheResult() throws Exception {
        ProcessEngine engine = engine("cat '" + fixture("upgrade-2.0.jsonl") + "'\n", Optional.empty());
        List<Event> seen = new ArrayList<>();
        Event last = engine.upgrade("/srv/cos 2.0", true, seen::add);
        assertEquals(List.of("upgrade", "--progress=json", "--source", "/srv/cos 2.0", "--recovery"), Files.readAllLines(args));
        Event.Result ok = assertInstanceOf(Event.Result.class, last);
        assertEquals("sha256:5d76f1026483e0e5ae86ca1f84fb478832f9a3badb264021db88b9008f5734d8", ok.summary().get("digest"));
        assertEquals(10, seen.stream().filter(e -> e instanceof Event.StepStarted).count());
    }

    @Test
    void bootentryAndRollbackPassTheirFlags() throws Exception {
        OfflineSystem offline = new OfflineSystem(Path.of("/tmp/x.img"), "active");
        ProcessEngine engine = engine("echo 'COS_OEM:/grubenv: next_entry=fallback (rehearsal: cos_rehearsal=pending)'\n",
                Optional.of(offline));
        assertEquals("COS_OEM:/grubenv: next_entry=fallback (rehearsal: cos_rehearsal=pending)",
                engine.bootentry("passive", true, true));
        assertEquals(List.of("bootentry", "--select", "passive", "--once", "--rehearsal", "--target", "/tmp/x.img",
                "--as-booted", "active"), Files.readAllLines(args));

        engine = engine("cat '" + fixture("rollback-swap.jsonl") + "'\n", Optional.empty());
        assertInstanceOf(Event.Result.class, engine.rollbackSwap(e -> {}));
        assertEquals(List.of("rollback", "--swap", "--progress=json"), Files.readAllLines(args));
    }

    @Test
    void aRefusalIsAnEngineExceptionWithTheEnginesWords() throws Exception {
        ProcessEngine engine = engine("echo 'cos-installer: error: bootentry needs root' >&2\nexit 77\n", Optional.empty());
        EngineException e = assertThrows(EngineException.class, () -> engine.bootentry("active", false, false));
        assertEquals("bootentry needs root", e.getMessage());
        assertEquals(77, e.exitCode());
    }

    @Test
    void theOfflineSlotIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new OfflineSystem(Path.of("/tmp/x.img"), "offline"));
    }

    @Test
    void offlineEnginesShareTheSessionOfTheEngineTheyAreMadeFrom() throws Exception {
        ProcessEngine engine = engine("echo \"COS_OEM:/grubenv: saved_entry=active (engine $PPID)\"\n", Optional.empty());
        String online = engine.bootentry("active", false, false);
        String offline = engine.offline(new OfflineSystem(Path.of("/tmp/x.img"), "recovery")).bootentry("active", false, false);
        assertEquals(List.of("bootentry", "--select", "active", "--target", "/tmp/x.img", "--as-booted", "recovery"),
                Files.readAllLines(args));
        assertEquals(online, offline, "one engine process, authorized once");
        engine.close();
    }
}
