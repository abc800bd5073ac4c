package dev.cos.installer.testsupport.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a {@link TestRegistry} that drops connections mid-transfer: the
 * first {@code cuts} connections on which the server has sent more than {@code afterBytes} bytes are
 * closed at that point, as a network that fails mid-blob. TLS passes through untouched (the registry's
 * certificate names 127.0.0.1, so clients connect to the proxy's port as to the registry).
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final long afterBytes;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger cutsDone = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public CuttingProxy(int targetPort, long afterBytes, int cuts) {
        this.targetPort = targetPort;
        this.afterBytes = afterBytes;
        this.cutsLeft = new AtomicInteger(cuts);
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** {@code 127.0.0.1:<port>}: use it in place of the registry's host. */
    public String host() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** How many connections were cut so far. */
    public int cuts() {
        return cutsDone.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> pump(client, server, false));
                threads.execute(() -> pump(server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[8192];
        long sent = 0;
        boolean mayCut = fromServer;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (mayCut && sent + n > afterBytes) {
                    if (cutsLeft.getAndDecrement() > 0) {
                        out.write(buffer, 0, (int) (afterBytes - sent));
                        out.flush();
                        cutsDone.incrementAndGet();
                        break;
                    }
                    mayCut = false;
                }
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            // the other direction closed: this one ends too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(CuttingProxy::closeQuietly);
        threads.shutdownNow();
    }
}
