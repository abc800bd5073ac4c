package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cos-installer serve} as a process of its own (a JVM on this test's class path), started by an
 * intermediate {@code sh} standing in for the GUI, as pkexec's exec leaves it: the engine's parent.
 */
@Timeout(120)
class ServeProcessTest {

    private final List<Process> shells = new ArrayList<>();
    private final List<ProcessHandle> engines = new ArrayList<>();

    private volatile java.io.OutputStream stdin;

    @AfterEach
    void endWhatThisStarted() throws java.io.IOException {
        engines.forEach(ProcessHandle::destroyForcibly);
        shells.forEach(Process::destroyForcibly);
        if (stdin != null) {
            stdin.close();
        }
    }

    /**
     * Starts {@code sh} (with umask 077, the one a careful user has), which starts the engine in the
     * background, prints {@code engine PID}, then runs {@code after}. The engine's stdin is a FIFO this test
     * holds open (not the sh's stdin: Java closes that pipe when the sh ends, which would end the session
     * by itself), so only its parent's death can end it.
     */
    private Process parentOfEngine(Path dir, String after) throws Exception {
        Path fifo = dir.resolve("engine-stdin");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        Thread opener = new Thread(() -> {
            try {
                stdin = new java.io.FileOutputStream(fifo.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        opener.setDaemon(true);
        opener.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "umask 077; \"$0\" -cp \"$1\" -Dcos.log.file=\"$2\" " + Main.class.getName()
                + " serve --idle-exit 0 --parent-pid $$ <\"$3\" & echo \"engine $!\"; " + after;
        Process sh = new ProcessBuilder("sh", "-c", script, java, System.getProperty("java.class.path"),
                dir.resolve("engine.log").toString(), fifo.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        shells.add(sh);
        return sh;
    }

    /** The sh's stdout lines (the engine writes there too) as they come. */
    private static BlockingQueue<String> lines(Process sh) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sh.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the test ends
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private ProcessHandle engine(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertTrue(line != null && line.startsWith("engine "), "sh names the engine's pid: " + line);
        Optional<ProcessHandle> engine = ProcessHandle.of(Long.parseLong(line.substring("engine ".length())));
        assertTrue(engine.isPresent(), "the engine runs");
        engines.add(engine.get());
        return engine.get();
    }

    private static String ready(BlockingQueue<String> lines) throws InterruptedException {
        for (String line; (line = lines.poll(60, TimeUnit.SECONDS)) != null;) {
            if (line.contains("\"ready\"")) {
                return line;
            }
        }
        throw new AssertionError("no ready line within 60 s");
    }

    /** The sh waiting for its engine, and the engine, which said it is ready. */
    private record Started(Process sh, ProcessHandle engine) {
    }

    private Started readyEngineUnderWaitingSh(Path dir) throws Exception {
        Process sh = parentOfEngine(dir, "wait");
        BlockingQueue<String> lines = lines(sh);
        ProcessHandle engine = engine(lines);
        ready(lines);
        return new Started(sh, engine);
    }

    @Test
    void theEngineEndsWhenTheProgramThatStartedItDies(@TempDir Path dir) throws Exception {
        Started started = readyEngineUnderWaitingSh(dir);
        Process sh = started.sh();
        ProcessHandle engine = started.engine();
        assertTrue(engine.isAlive(), "the session waits for requests (its stdin stays open: this test holds it)");

        sh.destroyForcibly();

        assertTrue(engine.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get() != null && !engine.isAlive(),
                "the engine ended with its parent");
    }

    @Test
    void theEngineEndsWhenItsParentDiedBeforeTheEngineWasSetUp(@TempDir Path dir) throws Exception {
        // sh exits at once: the engine's JVM is still starting, long before it could ask for a signal.
        Process sh = parentOfEngine(dir, "exit 0");
        BlockingQueue<String> lines = lines(sh);
        ProcessHandle engine = engine(lines);
        assertTrue(sh.waitFor(30, TimeUnit.SECONDS));

        assertTrue(engine.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).get() != null && !engine.isAlive(),
                "the engine ended by itself");
        String log = Files.readString(dir.resolve("engine.log"));
        assertTrue(log.contains("the parent has already ended"), log);
        assertFalse(lines.stream().anyMatch(l -> l.contains("\"ready\"")), "it never said ready: " + lines);
    }

    @Test
    void theEngineSetsItsOwnUmaskNotTheCallers(@TempDir Path dir) throws Exception {
        ProcessHandle engine = readyEngineUnderWaitingSh(dir).engine();

        List<String> status = Files.readAllLines(Path.of("/proc/" + engine.pid() + "/status"));
        String umask = status.stream()
                .filter(l -> l.startsWith("Umask:")).findFirst().map(l -> l.substring("Umask:".length()).strip()).orElse("none in " + status);

        assertEquals("0022", umask, "sh had 077");
    }
}
