package dev.cos.installer.job;

import dev.cos.installer.error.FailureWords;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undo actions pushed as side effects happen (attach, mount, create a file) and run in reverse
 * order at the end, whether the job failed or not. A failing undo action is logged and the rest
 * still run: the point is to leave nothing attached or mounted.
 */
public final class CleanupStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupStack.class);

    /** An undo action; may throw, the stack carries on. */
    @FunctionalInterface
    public interface Undo {
        void run() throws Exception;
    }

    private record Entry(String description, Undo undo) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    public void push(String description, Undo undo) {
        entries.push(new Entry(description, undo));
    }

    /**
     * Runs every pending undo action, newest first, and forgets them.
     *
     * @return a line per undo action that failed (empty when all went well)
     */
    public java.util.List<String> unwind() {
        java.util.List<String> failures = new java.util.ArrayList<>();
        while (!entries.isEmpty()) {
            Entry entry = entries.pop();
            try {
                LOG.info("cleanup: {}", entry.description());
                entry.undo().run();
            } catch (Exception e) {
                LOG.error("cleanup step failed: {}: {}", entry.description(), e.getMessage(), e);
                failures.add(entry.description() + ": " + FailureWords.describe(e));
            }
        }
        return failures;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public void close() {
        unwind();
    }
}
