package dev.cos.installer.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web server on 127.0.0.1 (random port) for download tests, built on the JDK's HttpServer: serves
 * bytes, answers a status, redirects, cuts a transfer short or stalls it, serves ranges and drops
 * connections mid-file. Records every request path and its Range and If-Range headers.
 */
public final class ImageServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
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

    /** Every request's "Range [If-Range]" headers, in order; "" for a request with neither. */
    public List<String> ranges() {
        return List.copyOf(ranges);
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

    /**
     * A file served with ranges, as a resuming client needs it. Answers {@code Range: bytes=N-} with
     * 206 unless ranges are off or {@code If-Range} names another ETag (then 200, the whole file), and
     * drops the connection after {@code dropAfterBytes} bytes of each of the first {@code drops} answers.
     */
    public final class Resumable {
        private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
        private volatile byte[] body;
        private volatile Optional<String> etag;
        private volatile boolean ranges = true;
        private final AtomicInteger drops;
        private final int dropAfterBytes;

        private Resumable(byte[] body, Optional<String> etag, int drops, int dropAfterBytes) {
            this.body = body;
            this.etag = etag;
            this.drops = new AtomicInteger(drops);
            this.dropAfterBytes = dropAfterBytes;
        }

        /** The server no longer says Accept-Ranges and ignores Range. */
        public Resumable withoutRanges() {
            ranges = false;
            return this;
        }

        /** Another version of the file from now on. */
        public void replace(byte[] newBody, String newEtag) {
            body = newBody;
            etag = Optional.of(newEtag);
        }

        private void answer(HttpExchange exchange) throws IOException {
            byte[] current = body;
            Optional<String> currentEtag = etag;
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            boolean partial = ranges && m != null && m.matches() && (ifRange == null || currentEtag.equals(Optional.of(ifRange)));
            int from = partial ? Integer.parseInt(m.group(1)) : 0;
            currentEtag.ifPresent(e -> exchange.getResponseHeaders().add("ETag", e));
            if (ranges) {
                exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            }
            if (partial) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (current.length - 1) + "/" + current.length);
            }
            exchange.sendResponseHeaders(partial ? 206 : 200, current.length - from);
            OutputStream out = exchange.getResponseBody();
            boolean drop = drops.getAndDecrement() > 0;
            int length = drop ? Math.min(dropAfterBytes, current.length - from) : current.length - from;
            out.write(current, from, length);
            out.flush();
            // Closing short of the announced length makes the server drop the connection.
            out.close();
        }
    }

    /** Serves {@code body} as a {@link Resumable} at {@code path}. */
    public Resumable resumable(String path, byte[] body, Optional<String> etag, int drops, int dropAfterBytes) {
        Resumable file = new Resumable(body, etag, drops, dropAfterBytes);
        handle(path, file::answer);
        return file;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private ImageServer handle(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            ranges.add(range == null ? "" : range + (ifRange == null ? "" : " " + ifRange));
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
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
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
