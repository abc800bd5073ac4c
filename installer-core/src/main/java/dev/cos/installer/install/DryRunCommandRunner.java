package dev.cos.installer.install;

import dev.cos.installer.sys.Command;
import dev.cos.installer.sys.CommandResult;
import dev.cos.installer.sys.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs nothing: records each command (and each file the job writes itself) in order, so the
 * plan lists exactly what an install would do. Answers losetup's attach with a placeholder.
 */
public final class DryRunCommandRunner implements CommandRunner {

    public static final String LOOP_PLACEHOLDER = "/dev/loopN";

    /** One recorded operation: a command, or a file the job writes without a tool. */
    public record Operation(String kind, String text) {}

    private final List<Operation> operations = new ArrayList<>();

    @Override
    public CommandResult execute(Command command) {
        operations.add(new Operation("command", command.display()));
        String stdout = command.argv().size() > 1 && command.program().equals("losetup")
                && command.argv().contains("--find") ? LOOP_PLACEHOLDER + "\n" : "";
        return new CommandResult(command, 0, stdout, "");
    }

    /**
     * Partition nodes "appear" once partx has been run, so the plan shows the partx call a kernel
     * without a GPT parser needs (on other kernels the install skips it).
     */
    public boolean partitionsAnnounced(String devicePath, java.time.Duration timeout) {
        return operations.stream().anyMatch(op -> op.text().startsWith("partx --add"));
    }

    public void fileOperation(String description) {
        operations.add(new Operation("file", description));
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }
}
