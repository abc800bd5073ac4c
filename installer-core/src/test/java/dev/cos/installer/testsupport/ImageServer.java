package dev.cos.installer.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A web server on 127.0.0.1 (random port) for download tests, built on the JDK's HttpServer: serves
 * bytes, answers a status, redirects, cuts a transfer short or stalls it. Records every request path.
 */
public final class ImageServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public ImageServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The URL of {@code path} (which starts with '/'). */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request's path, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public ImageServer serve(String path, byte[] body) {
        return handle(path, exchange -> send(exchange, 200, body));
    }

    public ImageServer status(String path, int status) {
        return handle(path, exchange -> send(exchange, status, ("status " + status + "\n").getBytes()));
    }

    public ImageServer redirect(String path, String location) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /** Announces all of {@code body} but sends only {@code sentBytes}, then drops the connection. */
    public ImageServer cut(String path, byte[] body, int sentBytes) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sentBytes);
            out.flush();
            // Closing short of the announced length makes the server drop the connection.
            out.close();
        });
    }

    /** Sends {@code sentBytes} of {@code body}, then nothing until {@link #close}. */
    public ImageServer stall(String path, byte[] body, int sentBytes) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sentBytes);
            out.flush();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private ImageServer handle(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "not found\n".getBytes());
                return;
            }
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
