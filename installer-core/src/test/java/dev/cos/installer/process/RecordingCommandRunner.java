package dev.cos.installer.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A fake {@link CommandRunner} for flow tests: records every command, answers from scripted
 * responses (first matching rule wins, default: exit 0 with no output), and can fail a chosen
 * command to prove the cleanup that must follow.
 */
public final class RecordingCommandRunner implements CommandRunner {

    private record Rule(Predicate<Command> matches, Function<Command, CommandResult> answer) {}

    private final List<Command> commands = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    /** Answers commands whose argv starts with {@code prefix} with this stdout and exit 0. */
    public RecordingCommandRunner answer(List<String> prefix, String stdout) {
        rules.add(new Rule(startsWith(prefix), c -> new CommandResult(c, 0, stdout, "")));
        return this;
    }

    /** Fails commands whose argv starts with {@code prefix} with this exit code and stderr. */
    public RecordingCommandRunner fail(List<String> prefix, int exitCode, String stderr) {
        rules.add(new Rule(startsWith(prefix), c -> new CommandResult(c, exitCode, "", stderr)));
        return this;
    }

    public RecordingCommandRunner on(Predicate<Command> matches, Function<Command, CommandResult> answer) {
        rules.add(new Rule(matches, answer));
        return this;
    }

    public static Predicate<Command> startsWith(List<String> prefix) {
        return c -> c.argv().size() >= prefix.size() && c.argv().subList(0, prefix.size()).equals(prefix);
    }

    @Override
    public synchronized CommandResult execute(Command command) {
        commands.add(command);
        for (Rule rule : rules) {
            if (rule.matches().test(command)) {
                return rule.answer().apply(command);
            }
        }
        return new CommandResult(command, 0, "", "");
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Every recorded command as its display string, one per element. */
    public synchronized List<String> lines() {
        return commands.stream().map(Command::display).toList();
    }
}
