package dev.cos.installer.testsupport;

import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.ProcessCommandRunner;
import java.util.List;

/** Runs independent system tools from tests, to check results without the engine's own code. */
public final class Tools {

    private static final ProcessCommandRunner RUNNER = new ProcessCommandRunner();

    private Tools() {
    }

    /** Runs and requires exit 0; returns stdout. */
    public static String run(String... argv) {
        CommandResult result = RUNNER.execute(Command.of(argv));
        if (!result.succeeded()) {
            throw new AssertionError("`" + result.command().display() + "` exited " + result.exitCode() + ":\n"
                    + result.stdout() + result.stderr());
        }
        return result.stdout();
    }

    /** Runs whatever the exit code. */
    public static CommandResult execute(String... argv) {
        return RUNNER.execute(Command.of(List.of(argv)));
    }
}
