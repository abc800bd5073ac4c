package dev.cos.installer.process;

/** A tool exited non-zero, or could not be started. Carries the whole result for the log. */
public class CommandFailedException extends RuntimeException {

    private final transient CommandResult result;

    public CommandFailedException(CommandResult result) {
        super(describe(result));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }

    private static String describe(CommandResult result) {
        String stderr = result.stderr().strip();
        return "`" + result.command().display() + "` exited with " + result.exitCode()
                + (stderr.isEmpty() ? "" : ": " + lastLines(stderr, 5));
    }

    static String lastLines(String text, int count) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - count);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
