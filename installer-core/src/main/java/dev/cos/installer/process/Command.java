package dev.cos.installer.process;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a system tool: an argument list (never a shell string) and optional bytes
 * for its standard input.
 */
public record Command(List<String> argv, Optional<byte[]> stdin) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name");
        }
        Objects.requireNonNull(stdin, "stdin");
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Optional.empty());
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty());
    }

    public Command withStdin(byte[] input) {
        return new Command(argv, Optional.of(input.clone()));
    }

    public String program() {
        return argv.get(0);
    }

    /** The argv for people and logs: arguments with spaces or quotes are single-quoted. */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (String arg : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quoteForDisplay(arg));
        }
        return out.toString();
    }

    static String quoteForDisplay(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return display();
    }
}
