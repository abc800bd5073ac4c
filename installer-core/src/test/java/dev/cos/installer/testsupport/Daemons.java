package dev.cos.installer.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Background programs a test starts (an X server, a tray host, a session bus, the app), stopped in reverse
 * order by {@link #close()}: each by its own PID (and the children it started), never by name.
 */
public final class Daemons implements AutoCloseable {

    private final Deque<Process> started = new ArrayDeque<>();

    /**
     * Starts {@code argv} with {@code env} added to this process's environment (a null value removes the
     * variable); its stdout and stderr go to {@code log}.
     */
    public Process start(List<String> argv, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return start(builder, env);
    }

    /** As {@link #start(List, Map, Path)}, with the caller's redirections (e.g. a pipe to read). */
    public Process start(ProcessBuilder builder, Map<String, String> env) throws IOException {
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        started.push(process);
        return process;
    }

    /** Stops {@code process} (one this started) now. */
    public void stop(Process process) {
        started.remove(process);
        kill(process);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            kill(started.pop());
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
