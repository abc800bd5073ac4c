package dev.cos.installer.app.engine;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for {@code cos-installer serve} in tests (docs/engine-session.md), run as a process of its
 * own ({@link FakeSessionEngine} writes the program that starts it): it speaks the session protocol and
 * answers each request by running a per-call shell script with the request's arguments, whose stdout and
 * stderr lines and exit code become the answer. java.base only: no app class, a fast start.
 *
 * <p>Arguments: {@code SCRIPT IDLE_MILLIS MODE serve [--parent-pid PID]}; IDLE_MILLIS 0 = no idle limit; MODE
 * {@code normal}, or {@code end-first}: answer the first request with {@code {"end":"idle"}} and exit without
 * running it, as a session whose idle limit passed just as the request came. Like the engine, it names a
 * token in its ready line and refuses (and ends on) a request without it.
 */
public final class FakeServe {

    private static final Object END = new Object();
    /** A request as EngineSession writes it: {@code {"token":T,"args":[...]}}. */
    private static final java.util.regex.Pattern REQUEST = java.util.regex.Pattern.compile("\\{\"token\":\"([^\"]*)\",\"args\":(\\[.*\\])\\}");

    private FakeServe() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if ((args.length != 4 && !(args.length == 6 && args[4].equals("--parent-pid"))) || !args[3].equals("serve")) {
            System.err.println("error: usage: FakeSessionEngine SCRIPT IDLE_MILLIS MODE serve [--parent-pid PID]");
            System.exit(2);
        }
        String script = args[0];
        long idleMillis = Long.parseLong(args[1]);
        boolean endFirst = args[2].equals("end-first");
        BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    requests.add(line);
                }
            } catch (IOException e) {
                // the end
            }
            requests.add(END);
        });
        reader.setDaemon(true);
        reader.start();
        String token = Long.toHexString(new java.security.SecureRandom().nextLong());
        out.println("{\"ready\":true,\"version\":\"fake\",\"token\":\"" + token + "\"}");
        while (true) {
            Object request = idleMillis > 0 ? requests.poll(idleMillis, TimeUnit.MILLISECONDS) : requests.take();
            if (request == null || (endFirst && request != END)) {
                out.println("{\"end\":\"idle\"}");
                System.exit(0);
            }
            if (request == END) {
                System.exit(0);
            }
            java.util.regex.Matcher framed = REQUEST.matcher((String) request);
            if (!framed.matches() || !framed.group(1).equals(token)) {
                out.println("{\"err\":\"error: request refused: it does not carry this engine session's token\"}");
                out.println("{\"exit\":2}");
                out.println("{\"end\":\"refused\"}");
                System.exit(2);
            }
            Optional<List<String>> arguments = arguments(framed.group(2));
            if (arguments.isEmpty()) {
                out.println("{\"err\":\"error: malformed request\"}");
                out.println("{\"exit\":2}");
                continue;
            }
            List<String> argv = new ArrayList<>(List.of(script));
            argv.addAll(arguments.get());
            Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Thread errors = new Thread(() -> relay(process.getErrorStream(), "err", out));
            errors.start();
            relay(process.getInputStream(), "out", out);
            int exit = process.waitFor();
            errors.join();
            out.println("{\"exit\":" + exit + "}");
        }
    }

    private static void relay(InputStream stream, String field, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                synchronized (out) {
                    // As the engine: a progress event goes out as an object ({"event":{...}}), not as a string.
                    boolean event = field.equals("out") && line.startsWith("{\"event\":");
                    out.println(event ? "{\"event\":" + line + "}" : "{\"" + field + "\":" + quote(line) + "}");
                }
            }
        } catch (IOException e) {
            // the script ended
        }
    }

    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                case '\r' -> json.append("\\r");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** A JSON array of strings (the escapes a JSON writer uses), or empty. */
    static Optional<List<String>> arguments(String line) {
        String text = line.strip();
        if (!text.startsWith("[") || !text.endsWith("]")) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        int i = 1;
        int end = text.length() - 1;
        while (true) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == end) {
                return Optional.of(args);
            }
            if (text.charAt(i) != '"') {
                return Optional.empty();
            }
            StringBuilder arg = new StringBuilder();
            i++;
            while (i < end && text.charAt(i) != '"') {
                char c = text.charAt(i++);
                if (c == '\\') {
                    char e = text.charAt(i++);
                    switch (e) {
                        case 'n' -> arg.append('\n');
                        case 't' -> arg.append('\t');
                        case 'r' -> arg.append('\r');
                        case 'b' -> arg.append('\b');
                        case 'f' -> arg.append('\f');
                        case 'u' -> {
                            arg.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> arg.append(e);
                    }
                } else {
                    arg.append(c);
                }
            }
            if (i >= end) {
                return Optional.empty();
            }
            args.add(arg.toString());
            i++;
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < end && text.charAt(i) == ',') {
                i++;
            } else if (i != end) {
                return Optional.empty();
            }
        }
    }
}
