package dev.cos.installer.app.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine process for many calls, against {@link FakeSessionEngine} (the protocol of
 * {@code cos-installer serve}; each call answered by a shell script), and at the end against the real
 * engine (its token, and an engine tied to this process rather than to a thread): no root.
 */
@Timeout(120)
class EngineSessionTest {

    @TempDir
    Path dir;

    private EngineSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    /** A session whose calls run {@code script} ("$@" = the call's arguments; $PPID = the engine's pid). */
    private EngineSession session(String script) throws IOException {
        session = new EngineSession(FakeSessionEngine.launcher(dir, script, Duration.ZERO, "normal"));
        return session;
    }

    private String file(String name) {
        return "'" + dir.resolve(name) + "'";
    }

    private static long pid(Finished run) {
        return Long.parseLong(run.stdout().lines().filter(l -> l.startsWith("pid ")).findFirst().orElseThrow().substring(4));
    }

    @Test
    void oneProcessAnswersEveryCallWithItsOutputErrorsAndExitCode() throws Exception {
        EngineSession engine = session("echo \"pid $PPID\"\necho \"to stderr: $1\" >&2\nexit $2\n");

        Finished first = engine.call(List.of("first call", "0"), line -> {});
        Finished second = engine.call(List.of("second", "3"), line -> {});

        assertEquals(0, first.exitCode());
        assertEquals("to stderr: first call\n", first.stderr());
        assertEquals(3, second.exitCode());
        assertEquals("to stderr: second\n", second.stderr());
        assertEquals(pid(first), pid(second), "the same engine process answered both calls");
    }

    @Test
    void eventsReachTheCallerWhileTheCallRunsAndOtherLinesStayOutput() throws Exception {
        EngineSession engine = session("echo '{\"event\":\"log\",\"time\":\"t\",\"level\":\"info\",\"message\":\"first\"}'\n"
                + "while [ ! -f " + file("seen") + " ]; do sleep 0.05; done\n"
                + "echo '{\"event\":\"log\",\"time\":\"t\",\"level\":\"info\",\"message\":\"second\"}'\necho text\n");
        List<String> lines = new ArrayList<>();

        Finished run = engine.call(List.of("install"), event -> {
            String line = ((dev.cos.installer.api.Event.Log) event).message();
            lines.add(line);
            if (line.equals("first")) {
                try {
                    // The script waits for this before it writes its second line: a batched answer never ends.
                    Files.createFile(dir.resolve("seen"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        assertEquals(List.of("first", "second"), lines);
        assertEquals("text\n", run.stdout(), "events are objects of their own, not output lines");
    }

    @Test
    void pkexecRefusalsBeforeTheReadyLineKeepTheirMessagesAndTheNextCallTriesAgain() throws Exception {
        Path engine = FakeSessionEngine.program(dir, "echo \"pid $PPID\"\n", Duration.ZERO, "echo normal");
        Path pkexec = FakeSessionEngine.executable(dir.resolve("fake-pkexec"), String.join("\n", "#!/bin/sh",
                "echo start >> " + file("starts"),
                "case $(wc -l < " + file("starts") + ") in",
                "  1) echo 'Error executing command as another user: Not authorized' >&2; exit 127 ;;",
                "  2) echo 'Error executing command as another user: Request dismissed' >&2; exit 126 ;;",
                "esac",
                "exec '" + engine + "' \"$@\"", ""));
        session = new EngineSession(List.of(pkexec.toString(), "serve"), true);

        EngineException refused = assertThrows(EngineException.class, () -> session.call(List.of("disks", "--json"), l -> {}));
        assertEquals("NOT_AUTHORIZED", refused.code());
        assertEquals(127, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("Not authorized: you may not run the installer engine"), refused.getMessage());
        assertTrue(refused.details().contains("Not authorized"), refused.details());

        EngineException dismissed = assertThrows(EngineException.class, () -> session.call(List.of("disks", "--json"), l -> {}));
        assertEquals(126, dismissed.exitCode());
        assertEquals("The administrator password was not given, so nothing was done. Try again and authenticate.",
                dismissed.getMessage());

        assertEquals(0, session.call(List.of("disks", "--json"), l -> {}).exitCode(), "authorized at the third start");
        assertEquals(3, Files.readAllLines(dir.resolve("starts")).size());
    }

    @Test
    void anEngineThatEndsBeforeTheReadyLineIsItsOwnFailure() throws Exception {
        Path old = FakeSessionEngine.executable(dir.resolve("old-engine"),
                "#!/bin/sh\necho \"cos-installer: error: Unmatched argument at index 0: '$1'\" >&2\nexit 2\n");
        session = new EngineSession(List.of(old.toString(), "serve"), false);

        EngineException failed = assertThrows(EngineException.class, () -> session.call(List.of("check"), l -> {}));

        assertEquals("USAGE", failed.code());
        assertEquals("Unmatched argument at index 0: 'serve'", failed.getMessage());
    }

    @Test
    void anEngineThatCannotBeStartedIsEngineMissing() {
        session = new EngineSession(List.of(dir.resolve("no-such-engine").toString(), "serve"), false);

        EngineException missing = assertThrows(EngineException.class, () -> session.call(List.of("check"), l -> {}));

        assertEquals("ENGINE_MISSING", missing.code());
    }

    @Test
    void anEngineThatDiesDuringACallIsALostConnectionAndTheNextCallGetsANewSession() throws Exception {
        EngineSession engine = session("echo \"pid $PPID\"\nif [ \"$1\" = die ]; then kill -KILL $PPID; sleep 1; fi\n");
        long before = pid(engine.call(List.of("status"), l -> {}));

        EngineException lost = assertThrows(EngineException.class, () -> engine.call(List.of("die"), l -> {}));
        assertEquals("ENGINE", lost.code());
        assertTrue(lost.getMessage().startsWith("Lost the connection to the installer engine"), lost.getMessage());
        assertEquals(137, lost.exitCode(), "killed by SIGKILL");

        Finished after = engine.call(List.of("status"), l -> {});
        assertEquals(0, after.exitCode());
        assertNotEquals(before, pid(after), "a new engine process");
    }

    @Test
    void aSessionEndedByItsIdleLimitIsReplacedWithoutAnError() throws Exception {
        session = new EngineSession(FakeSessionEngine.launcher(dir, "echo \"pid $PPID\"\n", Duration.ofMillis(300), "normal"));
        long first = pid(session.call(List.of("status"), l -> {}));
        waitUntil(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));

        long second = pid(session.call(List.of("status"), l -> {}));

        assertNotEquals(first, second);
    }

    @Test
    void aRequestThatMetTheEndOfItsSessionIsSentOnceToANewSession() throws Exception {
        // The first session ends (idle) just as the request comes: it answers {"end":"idle"} and never runs it.
        String mode = "echo started >> " + file("sessions") + "; [ $(wc -l < " + file("sessions") + ") = 1 ] && echo end-first"
                + " || echo normal";
        Path engine = FakeSessionEngine.program(dir, "echo ran >> " + file("runs") + "\necho \"pid $PPID\"\n", Duration.ZERO, mode);
        session = new EngineSession(List.of(engine.toString(), "serve"), false);

        assertEquals(0, session.call(List.of("status", "--json"), l -> {}).exitCode());

        assertEquals(2, Files.readAllLines(dir.resolve("sessions")).size(), "a second session took the request");
        assertEquals(List.of("ran"), Files.readAllLines(dir.resolve("runs")), "the request ran exactly once");
    }

    @Test
    void anInterruptedCallLeavesTheEngineToFinishItsJobAndTheNextCallStartsANewSession() throws Exception {
        EngineSession engine = session(String.join("\n",
                "echo \"pid $PPID\"",
                "if [ \"$1\" = install ]; then",
                "  echo $PPID > " + file("engine-pid"),
                "  while [ ! -f " + file("release") + " ]; do sleep 0.05; done",
                "  echo done > " + file("finished"),
                "fi", ""));
        CompletableFuture<EngineException> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                engine.call(List.of("install"), l -> {});
                outcome.complete(null);
            } catch (EngineException e) {
                outcome.complete(e);
            }
        });
        caller.start();
        waitUntil(() -> Files.exists(dir.resolve("engine-pid")));
        long enginePid = Long.parseLong(Files.readString(dir.resolve("engine-pid")).strip());

        caller.interrupt();
        EngineException cancelled = outcome.get(30, TimeUnit.SECONDS);

        assertEquals("CANCELLED", cancelled == null ? "no exception" : cancelled.code());
        assertTrue(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false), "the engine is not killed");
        Files.createFile(dir.resolve("release"));
        waitUntil(() -> Files.exists(dir.resolve("finished")));
        waitUntil(() -> ProcessHandle.of(enginePid).map(p -> !p.isAlive()).orElse(true));
        assertNotEquals(enginePid, pid(engine.call(List.of("status"), l -> {})), "a new session");
    }

    @Test
    void callsFromTwoThreadsRunOneAfterTheOther() throws Exception {
        EngineSession engine = session("echo \"start $1\" >> " + file("log") + "\nsleep 0.3\necho \"end $1\" >> "
                + file("log") + "\necho \"pid $PPID\"\n");
        engine.call(List.of("warm-up"), l -> {});
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return pid(engine.call(List.of(name), l -> {}));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        go.countDown();
        long a = calls.get(0).get(30, TimeUnit.SECONDS);
        long b = calls.get(1).get(30, TimeUnit.SECONDS);

        assertEquals(a, b, "one engine process");
        List<String> log = Files.readAllLines(dir.resolve("log")).subList(2, 6);
        String firstName = log.get(0).substring("start ".length());
        String secondName = firstName.equals("a") ? "b" : "a";
        assertEquals(List.of("start " + firstName, "end " + firstName, "start " + secondName, "end " + secondName), log,
                "never two requests at once");
    }

    @Test
    void closingLetsTheEngineExitAndRefusesLaterCalls() throws Exception {
        EngineSession engine = session("echo \"pid $PPID\"\n");
        long pid = pid(engine.call(List.of("status"), l -> {}));

        engine.close();

        waitUntil(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        EngineException closed = assertThrows(EngineException.class, () -> engine.call(List.of("status"), l -> {}));
        assertEquals("CANCELLED", closed.code());
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
            Thread.sleep(50);
        }
    }

    // The real cos-installer serve (a JVM on this test's class path, no pkexec).

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
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(EngineSessionTest::serves)
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
