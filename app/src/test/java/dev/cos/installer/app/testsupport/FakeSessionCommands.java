package dev.cos.installer.app.testsupport;

import dev.cos.installer.app.session.SessionCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Session commands that start nothing: canned answers and exit codes, every command recorded. */
public final class FakeSessionCommands implements SessionCommands {

    private final Map<List<String>, String> answers = new HashMap<>();
    private final Map<List<String>, Integer> exitCodes = new HashMap<>();
    private final List<List<String>> commands = new ArrayList<>();

    /** {@code argv} answers {@code line}; any other question has no answer (as with no desktop session). */
    public FakeSessionCommands answering(List<String> argv, String line) {
        answers.put(List.copyOf(argv), line);
        return this;
    }

    /** {@code argv} exits with {@code exitCode} when run (0 otherwise). */
    public FakeSessionCommands exiting(List<String> argv, int exitCode) {
        exitCodes.put(List.copyOf(argv), exitCode);
        return this;
    }

    @Override
    public synchronized Optional<String> ask(List<String> argv, Duration timeout) {
        commands.add(List.copyOf(argv));
        return Optional.ofNullable(answers.get(argv));
    }

    @Override
    public synchronized int run(List<String> argv) {
        commands.add(List.copyOf(argv));
        return exitCodes.getOrDefault(argv, 0);
    }

    /** Every command asked or run, in order. */
    public synchronized List<List<String>> commands() {
        return List.copyOf(commands);
    }
}
