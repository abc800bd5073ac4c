package dev.cos.installer.sys;

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

    /** Runs the command and throws {@link CommandFailedException} unless it exits with 0. */
    default CommandResult run(Command command) {
        CommandResult result = execute(command);
        if (!result.succeeded()) {
            throw new CommandFailedException(result);
        }
        return result;
    }

    default CommandResult run(String... argv) {
        return run(Command.of(argv));
    }
}
