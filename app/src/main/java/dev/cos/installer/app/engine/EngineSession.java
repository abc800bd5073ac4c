package dev.cos.installer.app.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine process for many calls: {@code cos-installer serve} (docs/engine-session.md), started by
 * {@link EngineLauncher} (through pkexec when not root, so authorized once) on the first call, then
 * sent one request per call over its stdin. One request at a time: calls from several threads queue up.
 *
 * <p>The session is dropped, and the next call starts a new one, when the process ends before it is
 * ready (pkexec refused: the same messages as a refused call), dies during a request ("Lost the
 * connection"), or the caller is interrupted (the engine finishes its job, then exits: its stdin is
 * closed, it is never killed). A session that ended by itself (its idle limit) is replaced without an
 * error: a request it never took is sent once more, to a new session.
 */
public final class EngineSession {

    private static final Logger LOG = LoggerFactory.getLogger(EngineSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The stdout reader's last item: the engine's stdout ended (compared by identity). */
    private static final String END_OF_OUTPUT = new String("end of output");

    private final List<String> argv;
    private final boolean viaPkexec;
    private final ReentrantLock turn = new ReentrantLock(true);
    private volatile Running current;
    private volatile boolean closed;

    /**
     * Starts every engine process: a thread that lives as long as the app. The engine ends when the thread
     * that started it ends (PR_SET_PDEATHSIG counts the starting thread as its parent, not the process), so
     * never a caller's thread, which a pool may end when idle.
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "engine-starter");
        thread.setDaemon(true);
        return thread;
    });

    /** The engine as {@code launcher} starts it: {@code cos-installer serve}, ending when this process ends. */
    public EngineSession(EngineLauncher launcher) {
        this(launcher.argv(List.of("serve", "--parent-pid", String.valueOf(ProcessHandle.current().pid()))),
                launcher.viaPkexec());
    }

    /**
     * Tests: any program that speaks the protocol.
     *
     * @param viaPkexec whether exit codes 126 and 127 before the ready line are pkexec's refusals
     */
    EngineSession(List<String> argv, boolean viaPkexec) {
        this.argv = List.copyOf(argv);
        this.viaPkexec = viaPkexec;
    }

    public boolean viaPkexec() {
        return viaPkexec;
    }

    /**
     * Runs one engine call: {@code args} as the CLI's arguments. Every progress event goes to {@code onEvent}
     * as it arrives, on the calling thread (the session sends them as objects: read once, here). Waits for
     * its turn when another call is running.
     *
     * @return the exit code (the one the same arguments give as a process of their own) and the output
     * @throws EngineException the session could not be started (as a refused or failed call), the
     *         connection was lost during the call, or the caller was interrupted (CANCELLED)
     */
    public Finished call(List<String> args, Consumer<Event> onEvent) throws EngineException {
        try {
            turn.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
        try {
            for (int attempt = 1;; attempt++) {
                Running session = session();
                try {
                    return session.request(args, onEvent);
                } catch (NotTaken notTaken) {
                    drop(session);
                    if (attempt == 2) {
                        throw new EngineException("ENGINE", 1, "Lost the connection to the installer engine: "
                                + notTaken.getMessage(), session.stderr());
                    }
                    LOG.info("engine session gone before it took the request ({}): sending it to a new session",
                            notTaken.getMessage());
                }
            }
        } finally {
            turn.unlock();
        }
    }

    /**
     * Closes the session's stdin: the engine ends after the request it is running, if any. Calls after
     * this fail (the app is ending); never kills the engine.
     */
    public void close() {
        closed = true;
        Running session = current;
        if (session != null) {
            LOG.info("engine session closed by the app");
            session.endInput();
        }
    }

    /** The running session, or a new one when there is none or the last one has ended. */
    private Running session() throws EngineException {
        if (closed) {
            throw new EngineException("CANCELLED", 62, "The installer is closing: the engine is not started again.", "");
        }
        Running session = current;
        if (session != null && !session.usable()) {
            LOG.info("engine session ended by itself (exit code {}): starting a new one", session.exitCodeIfEnded());
            drop(session);
            session = null;
        }
        if (session == null) {
            session = start();
            current = session;
        }
        return session;
    }

    private void drop(Running session) {
        session.endInput();
        if (current == session) {
            current = null;
        }
    }

    private Running start() throws EngineException {
        LOG.info("engine: {}", argv);
        long started = System.nanoTime();
        Process process;
        try {
            process = startOnStarterThread();
        } catch (IOException e) {
            throw new EngineException("ENGINE_MISSING", 1, "The installer engine could not be started: " + e.getMessage(),
                    String.join(" ", argv));
        }
        Running session = new Running(process);
        session.awaitReady(started);
        return session;
    }

    /** {@code argv} started by {@link #STARTER}; waits for it (a few ms) even when interrupted, so no process is lost. */
    private Process startOnStarterThread() throws IOException {
        Future<Process> started = STARTER.submit(() -> new ProcessBuilder(argv).start());
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("starting the engine failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static EngineException cancelled() {
        return new EngineException("CANCELLED", 62, "Stopped waiting for the installer engine.", "");
    }

    /** The session ended before it read the request: sending it to a new session runs it exactly once. */
    private static final class NotTaken extends Exception {
        NotTaken(String reason) {
            super(reason);
        }
    }

    /** One engine process: its stdin, and its stdout and stderr read by threads of their own. */
    private final class Running {
        private final Process process;
        private final OutputStream stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder stderr = new StringBuilder();
        private volatile boolean abandoned;
        private volatile boolean ready;
        /** The session's secret from its ready line, sent with every request (docs/engine-session.md). */
        private volatile String token = "";
        private final Thread stderrReader;

        Running(Process process) {
            this.process = process;
            this.stdin = process.getOutputStream();
            daemon("engine-stdout", this::pumpStdout);
            stderrReader = daemon("engine-stderr", this::pumpStderr);
        }

        private static Thread daemon(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /** Drains stdout to its end, also after the session is abandoned (a full pipe would stall the engine). */
        private void pumpStdout() {
            try (BufferedReader reader = reader(process.getInputStream())) {
                for (String line; (line = reader.readLine()) != null;) {
                    if (abandoned) {
                        LOG.debug("engine (abandoned session)> {}", line);
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot read the engine's stdout: {}", e.getMessage());
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }

        /** The process's own stderr: pkexec's words before the session is ready, the JVM's warnings after. */
        private void pumpStderr() {
            try (BufferedReader reader = reader(process.getErrorStream())) {
                for (String line; (line = reader.readLine()) != null;) {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                    if (ready) {
                        LOG.info("engine (stderr): {}", line);
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot read the engine's stderr", e);
            }
        }

        private static BufferedReader reader(InputStream stream) {
            return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString();
            }
        }

        /** Waits for {@code {"ready":true}}; an engine that ends first is a refused or failed call. */
        void awaitReady(long startedNanos) throws EngineException {
            StringBuilder stdout = new StringBuilder();
            try {
                while (true) {
                    String line = lines.take();
                    if (line == END_OF_OUTPUT) {
                        Finished refused = ended(stdout.toString());
                        LOG.info("engine exited {}{}", refused.exitCode(),
                                refused.stderr().isEmpty() ? "" : "; stderr:\n" + refused.stderr());
                        throw refused.failure(viaPkexec);
                    }
                    JsonNode node = parse(line);
                    if (node != null && node.path("ready").asBoolean(false)) {
                        if (!node.path("token").isTextual()) {
                            endInput();
                            throw new EngineException("ENGINE", 1, "The installer engine did not identify its session"
                                    + " (no token in its ready line): install a matching version of cos-installer.",
                                    "ready line without a token, version " + node.path("version").asText("?"));
                        }
                        token = node.get("token").textValue();
                        ready = true;
                        LOG.info("engine session ready: version {}, pid {}, {} ms", node.path("version").asText("?"),
                                process.pid(), (System.nanoTime() - startedNanos) / 1_000_000);
                        return;
                    }
                    LOG.debug("engine> {}", line);
                    stdout.append(line).append('\n');
                }
            } catch (InterruptedException e) {
                // pkexec may be asking for the password: the engine, if it starts, sees the end of its stdin and exits.
                abandoned = true;
                endInput();
                Thread.currentThread().interrupt();
                throw cancelled();
            }
        }

        /** The process has ended (or is ending): its exit code and all it wrote to stderr, waiting up to 10 s. */
        private Finished ended(String stdout) throws InterruptedException {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                return new Finished(-1, stdout, stderr() + "(the engine closed its stdout but still runs)\n");
            }
            stderrReader.join(TimeUnit.SECONDS.toMillis(2));
            return new Finished(process.exitValue(), stdout, stderr());
        }

        /** Whether a request sent now is read: the process runs and has not said it ends. */
        boolean usable() {
            if (!process.isAlive()) {
                return false;
            }
            for (String line; (line = lines.peek()) != null;) {
                if (line == END_OF_OUTPUT || isEnd(parse(line))) {
                    return false;
                }
                LOG.warn("engine: unexpected line between requests: {}", lines.poll());
            }
            return true;
        }

        String exitCodeIfEnded() {
            return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
        }

        Finished request(List<String> args, Consumer<Event> onEvent) throws NotTaken, EngineException {
            LOG.info("engine request: {}", args);
            try {
                ObjectNode request = JSON.createObjectNode().put("token", token);
                request.putArray("args").addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
                stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw new NotTaken("its stdin is closed (" + e.getMessage() + ")");
            }
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            boolean answered = false;
            try {
                while (true) {
                    String line = lines.take();
                    if (line == END_OF_OUTPUT) {
                        throw lost(stdout, stderr);
                    }
                    JsonNode node = parse(line);
                    if (node == null || !node.isObject()) {
                        LOG.warn("engine: not a protocol line: {}", line);
                    } else if (node.has("out")) {
                        answered = true;
                        String out = node.get("out").asText();
                        LOG.debug("engine> {}", out);
                        stdout.append(out).append('\n');
                    } else if (node.has("event")) {
                        answered = true;
                        LOG.debug("engine> {}", node.get("event"));
                        onEvent.accept(event(node.get("event")));
                    } else if (node.has("err")) {
                        answered = true;
                        stderr.append(node.get("err").asText()).append('\n');
                    } else if (node.has("exit")) {
                        int exit = node.get("exit").asInt();
                        LOG.info("engine exited {}{}", exit, stderr.length() == 0 ? "" : "; stderr:\n" + stderr);
                        return new Finished(exit, stdout.toString(), stderr.toString());
                    } else if (isEnd(node)) {
                        if (answered) {
                            throw lost(stdout, stderr);
                        }
                        // It had stopped reading before the request came: the request never ran.
                        throw new NotTaken("it ended (" + node.get("end").asText() + ")");
                    } else {
                        LOG.debug("engine: unknown protocol line: {}", line);
                    }
                }
            } catch (InterruptedException e) {
                // The engine keeps running to the end of its job: a half-written disk is worse than a late answer.
                abandon();
                Thread.currentThread().interrupt();
                throw cancelled();
            }
        }

        private EngineException lost(StringBuilder stdout, StringBuilder stderr) throws InterruptedException {
            drop(this);
            Finished died = ended(stdout.toString());
            String errors = stderr + died.stderr();
            LOG.warn("engine session died during a request: exit code {}{}", died.exitCode(),
                    errors.isEmpty() ? "" : "; stderr:\n" + errors);
            return new EngineException("ENGINE", died.exitCode(), "Lost the connection to the installer engine: it ended "
                    + "during the request, with exit code " + died.exitCode() + ".", (died.stdout() + "\n" + errors).strip());
        }

        /** Leaves the engine to finish its request alone; its output is still read (and logged), never answered. */
        void abandon() {
            LOG.warn("engine session abandoned: the engine finishes its current request, then exits");
            abandoned = true;
            lines.clear();
            drop(this);
        }

        /** Closes the engine's stdin: it exits after the current request. */
        void endInput() {
            try {
                stdin.close();
            } catch (IOException e) {
                LOG.debug("engine stdin already closed", e);
            }
        }
    }

    /** A progress event; one this version cannot read is {@link Event.Other} (the protocol only adds). */
    private static Event event(JsonNode node) {
        try {
            return Json.mapper().treeToValue(node, Event.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("engine: an event this version cannot read: {} ({})", node, e.getMessage());
            return new Event.Other(node.path("time").asText(""));
        }
    }

    private static boolean isEnd(JsonNode node) {
        return node != null && node.isObject() && node.has("end");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
