package dev.cos.installer.testsupport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The system D-Bus and polkitd that pkexec needs, even for root. Starts each one only when it is not
 * already there (this machine has no systemd to start them) and {@link #close()} stops exactly the
 * ones it started, by their own process ids, polkitd first.
 */
public final class PolkitServices implements AutoCloseable {

    public static final Path SYSTEM_BUS_SOCKET = Path.of("/run/dbus/system_bus_socket");
    private static final Path DBUS_PID_FILE = Path.of("/run/dbus/pid");
    private static final Path POLKITD = Path.of("/usr/lib/polkit-1/polkitd");

    private final Optional<Process> dbus;
    private final Optional<Process> polkitd;

    private PolkitServices(Optional<Process> dbus, Optional<Process> polkitd) {
        this.dbus = dbus;
        this.polkitd = polkitd;
    }

    /** Makes sure both run; {@code logDir} gets polkitd's output when this starts it. */
    public static PolkitServices ensureRunning(Path logDir) throws IOException, InterruptedException {
        Optional<Process> dbus = Optional.empty();
        Optional<Process> polkit = Optional.empty();
        try {
            if (!systemBusLive()) {
                dbus = Optional.of(startSystemBus(logDir));
            }
            if (!polkitOnBus()) {
                polkit = Optional.of(new ProcessBuilder(POLKITD.toString(), "--no-debug")
                        .redirectErrorStream(true).redirectOutput(logDir.resolve("polkitd.log").toFile()).start());
                waitFor("polkitd to own org.freedesktop.PolicyKit1 on the system bus", Duration.ofSeconds(20),
                        PolkitServices::polkitOnBus);
            }
            return new PolkitServices(dbus, polkit);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            new PolkitServices(dbus, polkit).close();
            throw e;
        }
    }

    /** Whether this started the system bus (else it was already there and stays). */
    public boolean startedSystemBus() {
        return dbus.isPresent();
    }

    /** Whether this started polkitd. */
    public boolean startedPolkitd() {
        return polkitd.isPresent();
    }

    static boolean systemBusLive() {
        if (!Files.exists(SYSTEM_BUS_SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(SYSTEM_BUS_SOCKET))) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * As a child process ({@code --nofork}), so it is stopped and reaped by its own handle; this
     * machine's init does not reap orphans promptly.
     */
    private static Process startSystemBus(Path logDir) throws IOException, InterruptedException {
        // A pid file left by a daemon that no longer runs makes dbus-daemon refuse to start.
        if (Files.exists(DBUS_PID_FILE)) {
            String pid = Files.readString(DBUS_PID_FILE).strip();
            if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("dbus-daemon " + pid + " runs but " + SYSTEM_BUS_SOCKET + " does not answer");
            }
            Files.delete(DBUS_PID_FILE);
        }
        Files.createDirectories(SYSTEM_BUS_SOCKET.getParent());
        Process daemon = new ProcessBuilder("dbus-daemon", "--system", "--nofork").redirectErrorStream(true)
                .redirectOutput(logDir.resolve("dbus-daemon.log").toFile()).start();
        try {
            waitFor("the system bus socket", Duration.ofSeconds(10), () -> {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("dbus-daemon --system exited " + daemon.exitValue() + ": see " + logDir);
                }
                return systemBusLive();
            });
        } catch (RuntimeException | InterruptedException | Error e) {
            stop(daemon);
            throw e;
        }
        return daemon;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static boolean polkitOnBus() {
        try {
            Result answer = run(List.of("dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.PolicyKit1"));
            return answer.exitCode() == 0 && answer.output().contains("boolean true");
        } catch (IOException e) {
            throw new IllegalStateException("dbus-send is missing (package dbus-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls {@code condition} every 200 ms; fails naming {@code what} after {@code limit}. */
    public static void waitFor(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** A finished command: exit code and stdout+stderr. */
    public record Result(int exitCode, String output) {}

    /** Runs {@code argv} (no shell) to its end, at most two minutes. */
    public static Result run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (polkitd.isPresent()) {
            stop(polkitd.get());
        }
        if (dbus.isPresent()) {
            stop(dbus.get());
            // dbus-daemon leaves both behind on SIGTERM; they are this daemon's, and would stop the next start.
            Files.deleteIfExists(DBUS_PID_FILE);
            Files.deleteIfExists(SYSTEM_BUS_SOCKET);
        }
    }
}
