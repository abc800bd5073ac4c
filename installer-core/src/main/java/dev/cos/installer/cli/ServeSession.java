package dev.cos.installer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cos.installer.api.Event;
import dev.cos.installer.api.Json;
import dev.cos.installer.error.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The loop of {@code serve} (docs/engine-session.md): requests from {@code in}, one at a time, each run
 * through a fresh command line whose stdout and stderr become {@code {"out"}} and {@code {"err"}} lines on
 * {@code out} (its progress events {@code {"event":{...}}} objects), flushed line by line (progress events
 * reach the client live), then {@code {"exit":N}}.
 */
final class ServeSession {

    private static final Logger LOG = LoggerFactory.getLogger(ServeSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reader's last item: stdin ended (compared by identity). */
    private static final String END_OF_INPUT = new String("end of input");

    private final InputStream in;
    private final OutputStream out;
    private final Duration idleLimit;
    private final Supplier<CommandLine> commands;
    private final SessionToken token;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private volatile boolean broken;

    /**
     * @param idleLimit the session ends after this long without a request; zero = never
     * @param commands a fresh command line per request ({@link Main#commandLine})
     * @param token the secret every request must carry, given to the client in the ready line
     */
    ServeSession(InputStream in, OutputStream out, Duration idleLimit, Supplier<CommandLine> commands, SessionToken token) {
        this.in = in;
        this.out = out;
        this.idleLimit = idleLimit;
        this.commands = commands;
        this.token = token;
    }

    /**
     * Serves until stdin ends or the idle limit passes (returns 0), or a request without this session's
     * token comes (returns 2).
     */
    int run() throws InterruptedException {
        Thread reader = new Thread(this::readRequests, "serve-stdin");
        reader.setDaemon(true);
        reader.start();
        String version = VersionProvider.version();
        LOG.info("engine session {} started (idle limit {} s)", version, idleLimit.toSeconds());
        ObjectNode ready = JSON.createObjectNode().put("ready", true).put("version", version).put("token", token.value());
        send(ready);
        while (!broken) {
            String line = idleLimit.isZero() ? requests.take() : requests.poll(idleLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                // Never read another request after this: the client sends one that meets "end" to a new session.
                LOG.info("engine session: no request for {} s, ending", idleLimit.toSeconds());
                send(JSON.createObjectNode().put("end", "idle"));
                return 0;
            }
            if (line == END_OF_INPUT) {
                LOG.info("engine session: stdin closed, ending");
                send(JSON.createObjectNode().put("end", "eof"));
                return 0;
            }
            if (!serve(line)) {
                send(JSON.createObjectNode().put("end", "refused"));
                return ErrorCode.USAGE.exitCode();
            }
        }
        LOG.warn("engine session: nobody reads the answers any more (stdout closed), ending");
        return 0;
    }

    private void readRequests() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                requests.add(line);
            }
        } catch (IOException e) {
            LOG.warn("engine session: cannot read stdin: {}", e.getMessage());
        } finally {
            requests.add(END_OF_INPUT);
        }
    }

    /** Answers one request line; false when it lacks this session's token (the session then ends). */
    private boolean serve(String line) {
        Optional<Request> parsed = request(line);
        if (parsed.isEmpty() || !token.matches(parsed.get().token())) {
            // Not from the client that started the session: another process reached its stdin. Never run it,
            // and take nothing more from a pipe others can write to.
            LOG.warn("engine session: a request without this session's token, refused; the session ends");
            send(JSON.createObjectNode().put("err", "error: request refused: it does not carry this engine session's token"
                    + " (from its ready line). Only the program that started the session may use it; start a new one."));
            send(JSON.createObjectNode().put("exit", ErrorCode.USAGE.exitCode()));
            return false;
        }
        if (parsed.get().args().isEmpty()) {
            LOG.warn("engine session: malformed request arguments");
            send(JSON.createObjectNode().put("err", "error: malformed request: \"args\" must be a JSON array of strings,"
                    + " the arguments of one call, e.g. [\"disks\",\"--json\"]"));
            send(JSON.createObjectNode().put("exit", ErrorCode.USAGE.exitCode()));
            return true;
        }
        List<String> args = parsed.get().args().get();
        LOG.info("engine session request: {}", args);
        CommandLine cli = commands.get();
        CommandLine serve = cli.getSubcommands().get("serve");
        if (serve != null && serve.getCommand() instanceof ServeCommand nested) {
            nested.insideSession = true;
        }
        LineWriter stdout = new LineWriter("out");
        LineWriter stderr = new LineWriter("err");
        cli.setOut(new EventWriter(stdout));
        cli.setErr(new PrintWriter(stderr, true));
        int exit;
        try {
            exit = cli.execute(args.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            // As a process of its own, an uncaught throwable ends the JVM with exit code 1.
            LOG.error("engine session request {} failed", args, e);
            cli.getErr().println("internal error: " + e);
            exit = 1;
        }
        stdout.close();
        stderr.close();
        LOG.info("engine session request {} exited {}", args, exit);
        send(JSON.createObjectNode().put("exit", exit));
        return true;
    }

    /**
     * One request line: {@code {"token":T,"args":[...]}}.
     *
     * @param args the arguments, or empty when "args" is not an array of strings
     */
    record Request(String token, Optional<List<String>> args) {
    }

    /** The request on {@code line}, or empty when it is not a JSON object with a string "token". */
    static Optional<Request> request(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("token").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new Request(node.get("token").textValue(), arguments(node.path("args"))));
    }

    private static Optional<List<String>> arguments(JsonNode node) {
        if (!node.isArray()) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            args.add(element.textValue());
        }
        return Optional.of(args);
    }

    /** One protocol line, flushed; a failed write (the client is gone) ends the session after this request. */
    private synchronized void send(ObjectNode line) {
        if (broken) {
            return;
        }
        try {
            out.write((line.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (out instanceof PrintStream print && print.checkError()) {
                broken = true;
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    /**
     * A verb's stdout in the session: its progress events (ProgressPrinter) go out as objects,
     * {@code {"event":{...}}}, parsed once by the client; any other line as {@code {"out": LINE}}.
     */
    private final class EventWriter extends PrintWriter implements ProgressPrinter.EventSink {
        EventWriter(LineWriter lines) {
            super(lines, true);
        }

        @Override
        public void event(Event event) {
            flush();
            send(JSON.createObjectNode().set("event", Json.mapper().valueToTree(event)));
        }
    }

    /** A verb's stdout or stderr: every complete line becomes one {@code {"out"|"err": LINE}} protocol line. */
    private final class LineWriter extends Writer {
        private final String field;
        private final StringBuilder pending = new StringBuilder();

        LineWriter(String field) {
            this.field = field;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (chars[i] == '\n') {
                    emit();
                } else {
                    pending.append(chars[i]);
                }
            }
        }

        private void emit() {
            int end = pending.length();
            if (end > 0 && pending.charAt(end - 1) == '\r') {
                end--;
            }
            send(JSON.createObjectNode().put(field, pending.substring(0, end)));
            pending.setLength(0);
        }

        @Override
        public void flush() {
            // Lines go out whole, each flushed as it ends; a partial line waits for its end (or close).
        }

        /** Sends the last line when it has no newline. */
        @Override
        public synchronized void close() {
            if (pending.length() > 0) {
                emit();
            }
        }
    }
}
