package dev.cos.installer.process;

/**
 * Runs system tools. The only way installer-core starts a process, so tests can record the
 * exact command sequence and inject failures.
 */
public interface CommandRunner {

    /**
     * Runs the command to completion.
     *
     * @return the result whatever the exit code; use {@link #run} to fail on a non-zero exit
     */
    CommandResult execute(Command command);

    /**
     * Runs the command, passing its output lines to {@code listener} as they come (for progress);
     * runners that cannot stream simply deliver nothing.
     */
    default CommandResult execute(Command command, OutputListener listener) {
        return execute(command);
    }

    /** Runs the command and throws {@link CommandFailedException} unless it exits with 0. */
    default CommandResult run(Command command) {
        return run(command, OutputListener.NONE);
    }

    /** {@link #run(Command)}, streaming output lines to {@code listener}. */
    default CommandResult run(Command command, OutputListener listener) {
        CommandResult result = execute(command, listener);
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    default CommandResult run(String... argv) {
        return run(Command.of(argv));
    }
}
