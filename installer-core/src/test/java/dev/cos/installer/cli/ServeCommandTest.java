package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cos-installer serve} in this JVM: requests written to a pipe, protocol lines read back. */
@Timeout(60)
class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipedOutputStream requests = new PipedOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream originalOut = System.out;
    private CompletableFuture<Integer> session;

    /** The protocol's stdout: every line it writes, in order. */
    private final OutputStream protocol = new OutputStream() {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    };

    private void start(String... options) throws IOException {
        PipedInputStream stdin = new PipedInputStream(requests, 1 << 16);
        session = CompletableFuture.supplyAsync(() -> new CommandLine(new ServeCommand(stdin, protocol)).execute(options));
    }

    /** Each test's session ends before the next starts (System.out is the JVM's, not a session's). */
    @AfterEach
    void closeStdin() throws Exception {
        requests.close();
        if (session != null) {
            assertEquals(0, session.get(30, TimeUnit.SECONDS));
        }
        System.setOut(originalOut);
    }

    /** Sends one request: {@code args}, the JSON text of its "args", with the token of the ready line. */
    private void send(String args) throws IOException {
        sendLine("{\"token\":\"" + token + "\",\"args\":" + args + "}");
    }

    private void sendLine(String line) throws IOException {
        requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        requests.flush();
    }

    /** The session's token, from its ready line. */
    private String token = "";

    private JsonNode next() throws Exception {
        String line = lines.poll(30, TimeUnit.SECONDS);
        assertNotNull(line, "the session answers within 30 s");
        JsonNode node = JSON.readTree(line);
        if (node.has("ready")) {
            token = node.path("token").asText();
        }
        return node;
    }

    /** The answer to one request: its out and err lines ("out: ...", "err: ...") and last "exit: N". */
    private List<String> answer() throws Exception {
        List<String> answer = new ArrayList<>();
        while (true) {
            JsonNode line = next();
            String field = line.fieldNames().next();
            answer.add(field + ": " + line.get(field).asText());
            if (field.equals("exit")) {
                return answer;
            }
        }
    }

    @Test
    void aProgressEventIsAnObjectOfItsOwnNotAStringInAString() throws Exception {
        start();
        next();
        send("[\"rollback\",\"--progress=json\"]");
        JsonNode line = next();
        assertTrue(line.path("event").isObject(), "an {\"event\":{...}} line: " + line);
        dev.cos.installer.api.Event event = dev.cos.installer.api.Json.mapper().treeToValue(line.get("event"),
                dev.cos.installer.api.Event.class);
        assertEquals("USAGE", ((dev.cos.installer.api.Event.Error) event).code());
        List<String> rest = answer();
        assertEquals("exit: 2", rest.get(rest.size() - 1));
    }

    @Test
    void startsWithTheReadyLineNamingTheVersion() throws Exception {
        start();
        JsonNode ready = next();
        assertTrue(ready.get("ready").asBoolean(), ready.toString());
        assertEquals(VersionProvider.version(), ready.get("version").asText());
        assertTrue(ready.path("token").asText().matches("[0-9a-f]{32}"), "128 random bits: " + ready);
    }

    @Test
    void everySessionHasItsOwnToken() throws Exception {
        start();
        String first = next().get("token").asText();
        requests.close();
        assertEquals(0, session.get(30, TimeUnit.SECONDS));
        lines.clear();
        PipedOutputStream second = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(second);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> new CommandLine(new ServeCommand(stdin, protocol)).execute());
        String next = next().get("token").asText();
        second.close();
        assertEquals(0, other.get(30, TimeUnit.SECONDS));
        assertFalse(first.equals(next), first + " twice");
    }

    /** The old request (a bare array), no token, a wrong one, an empty one, not JSON. */
    @ParameterizedTest
    @ValueSource(strings = {"[\"--version\"]", "{\"args\":[\"--version\"]}",
        "{\"token\":\"0123456789abcdef0123456789abcdef\",\"args\":[\"--version\"]}",
        "{\"token\":\"\",\"args\":[\"--version\"]}", "not json"})
    void aRequestWithoutTheTokenIsRefusedNotRunAndEndsTheSession(String request) throws Exception {
        start();
        next();
        sendLine(request);
        List<String> answer = answer();
        assertEquals(2, answer.size(), answer::toString);
        assertTrue(answer.get(0).startsWith("err: error: request refused: it does not carry this engine session's token"),
                answer::toString);
        assertEquals("exit: 2", answer.get(1), "never run (--version would print and exit 0)");
        assertEquals("refused", next().get("end").asText());
        assertEquals(2, session.get(30, TimeUnit.SECONDS), "the session ended");
        session = null;
    }

    @Test
    void answersTwoRequestsInARowWithTheirOwnOutputAndExitCodes() throws Exception {
        start();
        next();
        send("[\"--version\"]");
        assertEquals(List.of("out: cos-installer " + VersionProvider.version(), "exit: 0"), answer());
        send("[\"disks\",\"--no-such-option\"]");
        assertEquals(List.of("err: error: Unknown option: '--no-such-option'", "err: Try 'cos-installer disks --help'.",
                "exit: 2"), answer());
        assertEquals(2, Main.commandLine().setErr(new java.io.PrintWriter(OutputStream.nullOutputStream()))
                .execute("disks", "--no-such-option"), "the exit code a process of its own gives");
    }

    @Test
    void aMalformedRequestIsRefusedAndTheSessionGoesOn() throws Exception {
        start();
        next();
        for (String malformed : List.of("\"disks\"", "{\"verb\":\"disks\"}", "[\"disks\",3]", "null")) {
            assertRefusedAndTheSessionGoesOn(malformed, "err: error: malformed request");
        }
    }

    @Test
    void anAtFileArgumentReachesTheVerbAsItIsNotAsTheFilesLines(@TempDir Path dir) throws Exception {
        Path secret = AtFileTest.rootOnlyFile(dir);
        start();
        next();
        send(JSON.writeValueAsString(List.of("disks", "--json", "@" + secret)));
        List<String> answer = answer();
        assertEquals("exit: 2", answer.get(answer.size() - 1), answer::toString);
        assertFalse(answer.toString().contains("secret-hash-line"), answer::toString);
    }

    @Test
    void serveIsRefusedInsideASession() throws Exception {
        start();
        next();
        assertRefusedAndTheSessionGoesOn("[\"serve\",\"--idle-exit\",\"1\"]", "err: error: serve cannot run inside an engine session");
    }

    /** {@code request} gets one err line starting with {@code error} and exit 2; the next request is answered. */
    private void assertRefusedAndTheSessionGoesOn(String request, String error) throws Exception {
        send(request);
        List<String> answer = answer();
        assertEquals(2, answer.size(), answer::toString);
        assertTrue(answer.get(0).startsWith(error), answer::toString);
        assertEquals("exit: 2", answer.get(1));
        send("[\"--version\"]");
        assertEquals("exit: 0", answer().get(1));
    }

    @Test
    void theEndOfStdinEndsTheSessionWithExitCode0() throws Exception {
        start();
        next();
        send("[\"--version\"]");
        requests.close();
        assertEquals(List.of("out: cos-installer " + VersionProvider.version(), "exit: 0"), answer(),
                "the request sent before the end is answered");
        assertEquals("eof", next().get("end").asText());
        assertEquals(0, session.get(30, TimeUnit.SECONDS));
    }

    @Test
    void withoutARequestForTheIdleLimitTheSessionEndsByItself() throws Exception {
        long started = System.nanoTime();
        start("--idle-exit", "1");
        next();
        assertEquals("idle", next().get("end").asText());
        assertEquals(0, session.get(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(1000), "not before the limit");
    }

    @Test
    void systemOutPointsAtStderrWhileTheSessionRuns() throws Exception {
        start();
        next();
        assertSame(System.err, System.out, "a stray print cannot reach the protocol");
        requests.close();
        assertEquals(0, session.get(30, TimeUnit.SECONDS));
        assertSame(originalOut, System.out, "restored when the session ends");
    }
}
