package dev.cos.installer.source.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A registry's HTTP face for unit tests, on the JDK's HttpServer (plain http on 127.0.0.1): each path
 * answers what the test scripts, and every request is recorded with its Authorization and Range headers.
 */
final class FakeRegistry implements AutoCloseable {

    /** A request as the fake saw it. */
    record Seen(String method, String pathAndQuery, Optional<String> authorization, Optional<String> range) {}

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::dispatch);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers requests for {@code path} (without the query) with {@code answers} in turn; the last one
     * answers every further request.
     */
    FakeRegistry on(String path, Answer... sequence) {
        answers.put(path, new CopyOnWriteArrayList<>(List.of(sequence)));
        return this;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            seen.add(new Seen(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"))));
            List<Answer> sequence = answers.get(path);
            if (sequence == null) {
                send(exchange, 404, Map.of("Content-Type", "application/json"),
                        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Answer answer = sequence.size() > 1 ? sequence.remove(0) : sequence.get(0);
            answer.answer(exchange);
        }
    }

    static Answer status(int status, Map<String, String> headers) {
        return exchange -> send(exchange, status, headers, new byte[0]);
    }

    static Answer body(int status, Map<String, String> headers, byte[] body) {
        return exchange -> send(exchange, status, headers, body);
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
