package dev.cos.installer.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts real processes with {@link ProcessBuilder} (no shell). Every command is logged with its
 * argv; its output is logged in full (at debug when it succeeds, at warn when it fails), so a failed
 * install can be diagnosed from the log file. Tools run with {@code LC_ALL=C} so their output parses.
 */
public final class ProcessCommandRunner implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);

    // Own threads: the common pool has a single worker on 2 cores, and draining stdout and
    // stderr one after the other deadlocks a tool that fills its stderr pipe.
    private static final java.util.concurrent.ExecutorService DRAINERS =
            java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "command-output");
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public CommandResult execute(Command command) {
        return execute(command, OutputListener.NONE);
    }

    @Override
    public CommandResult execute(Command command, OutputListener listener) {
        LOG.info("run: {}", command.display());
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        if (command.stdin().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.warn("could not start {}: {}", command.program(), e.getMessage());
            return new CommandResult(command, 127, "", "cannot start " + command.program() + ": " + e.getMessage());
        }
        CompletableFuture<String> stdout = drain(process.getInputStream(), listener);
        CompletableFuture<String> stderr = drain(process.getErrorStream(), listener);
        command.stdin().ifPresent(bytes -> feed(process.getOutputStream(), bytes));
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command.display(), e);
        }
        CommandResult result = new CommandResult(command, exit, stdout.join(), stderr.join());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.succeeded()) {
            LOG.info("exit 0 after {} ms", millis);
            logOutput(result, false);
        } else {
            LOG.warn("exit {} after {} ms: {}", exit, millis, command.display());
            logOutput(result, true);
        }
        return result;
    }

    private static void logOutput(CommandResult result, boolean failed) {
        if (!result.stdout().isBlank()) {
            if (failed) {
                LOG.warn("stdout:\n{}", result.stdout().stripTrailing());
            } else {
                LOG.debug("stdout:\n{}", result.stdout().stripTrailing());
            }
        }
        if (!result.stderr().isBlank()) {
            // Tools print warnings to stderr even on success: keep them at info level.
            if (failed) {
                LOG.warn("stderr:\n{}", result.stderr().stripTrailing());
            } else {
                LOG.info("stderr:\n{}", result.stderr().stripTrailing());
            }
        }
    }

    private static CompletableFuture<String> drain(InputStream stream, OutputListener listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int read;
                while ((read = stream.read(chunk)) >= 0) {
                    buffer.write(chunk, 0, read);
                    for (int i = 0; i < read; i++) {
                        byte b = chunk[i];
                        if (b == '\n' || b == '\r') {
                            if (line.size() > 0) {
                                listener.line(line.toString(StandardCharsets.UTF_8));
                                line.reset();
                            }
                        } else {
                            line.write(b);
                        }
                    }
                }
                if (line.size() > 0) {
                    listener.line(line.toString(StandardCharsets.UTF_8));
                }
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINERS);
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // The tool closed its input early; its exit code will tell what happened.
            LOG.debug("stdin closed early: {}", e.getMessage());
        }
    }
}
