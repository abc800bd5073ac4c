package dev.cos.installer.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a program for a test: output captured in files, killed by its own PID at the timeout. */
final class Run {

    /**
     * How a run ended.
     *
     * @param exit the exit status; -1 when the timeout killed it
     * @param stdout what it wrote to stdout
     * @param stderr what it wrote to stderr
     */
    record Result(int exit, String stdout, String stderr) {
        /** The last non-blank stdout line (the scripts print their result there). */
        String lastLine() {
            List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() > 8000 ? "..." + text.substring(text.length() - 8000) : text;
        }
    }

    private Run() {
    }

    static Result run(Duration timeout, List<String> argv) {
        return run(timeout, argv, env -> { });
    }

    /** Runs argv; {@code environment} may change the inherited environment first. */
    static Result run(Duration timeout, List<String> argv, Consumer<Map<String, String>> environment) {
        try {
            Path out = Files.createTempFile("run-", ".out");
            Path err = Files.createTempFile("run-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                environment.accept(builder.environment());
                Process process = builder.start();
                int exit;
                if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    exit = process.exitValue();
                } else {
                    process.destroyForcibly();
                    process.waitFor();
                    exit = -1;
                }
                return new Result(exit, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }
}
