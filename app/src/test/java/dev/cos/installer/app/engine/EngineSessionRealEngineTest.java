package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GUI's side of the session against the real {@code cos-installer serve} (a JVM on this test's class
 * path, no pkexec): the token of its ready line, and an engine tied to this process, not to a thread.
 */
@Timeout(120)
class EngineSessionRealEngineTest {

    @TempDir
    Path dir;

    private EngineSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private EngineSession realEngine() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dcos.log.file=" + dir.resolve("engine.log"), Main.class.getName(), "serve",
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        session = new EngineSession(argv, false);
        return session;
    }

    /** This JVM's children running {@code serve}: the engine sessions. */
    private static List<Long> engines() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(EngineSessionRealEngineTest::serves)
                .map(ProcessHandle::pid).toList();
    }

    /** From /proc: ProcessHandle.Info cuts a command line as long as this class path. */
    private static boolean serves(ProcessHandle process) {
        try {
            String argv = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")), StandardCharsets.UTF_8);
            return argv.contains(Main.class.getName() + "\0serve\0");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyCallCarriesTheTokenTheEngineNamedSoTheEngineRunsIt() throws Exception {
        Finished version = realEngine().call(List.of("--version"), line -> {});

        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().startsWith("cos-installer "), version::toString);
        assertEquals(0, session.call(List.of("--version"), line -> {}).exitCode(), "and the next one too");
    }

    @Test
    void theEngineOutlivesTheThreadThatMadeTheFirstCall() throws Exception {
        EngineSession engine = realEngine();
        AtomicReference<Finished> first = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                first.set(engine.call(List.of("--version"), line -> {}));
            } catch (EngineException e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        caller.join();
        assertEquals(0, first.get().exitCode(), first.get()::toString);
        List<Long> running = engines();
        assertEquals(1, running.size(), "one engine session: " + running);

        // The engine asks for SIGTERM when its parent ends: had the caller's thread started it, it would be gone now.
        Thread.sleep(2000);

        assertEquals(running, engines(), "the same engine still runs");
        assertEquals(0, engine.call(List.of("--version"), line -> {}).exitCode());
        assertEquals(running, engines(), "and answered the next call");
    }
}
