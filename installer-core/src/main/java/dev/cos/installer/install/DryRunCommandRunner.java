package dev.cos.installer.install;

import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.tools.LoopBacking;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs nothing: records each command (and each file the job writes itself) in order, so the
 * plan lists exactly what an install would do. Answers losetup's attach with a placeholder.
 */
public final class DryRunCommandRunner implements CommandRunner {

    public static final String LOOP_PLACEHOLDER = "/dev/loopN";
    /** The identity of every image file in a dry run; {@code losetup --list} answers it too. */
    private static final LoopBacking.FileIdentity PLACEHOLDER_FILE = new LoopBacking.FileIdentity(0, 0, 0);

    /** One recorded operation: a command, or a file the job writes without a tool. */
    public record Operation(String kind, String text) {}

    private final List<Operation> operations = new ArrayList<>();

    @Override
    public CommandResult execute(Command command) {
        operations.add(new Operation("command", command.display()));
        String stdout = "";
        if (command.program().equals("losetup") && command.argv().contains("--find")) {
            stdout = LOOP_PLACEHOLDER + "\n";
        } else if (command.program().equals("losetup") && command.argv().contains("--list")) {
            stdout = PLACEHOLDER_FILE.inode() + " " + PLACEHOLDER_FILE.major() + ":" + PLACEHOLDER_FILE.minor() + "\n";
        }
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

    /** Creates nothing: records the creation of a new image file as a file operation. */
    public ImageFiles imageFiles() {
        return new ImageFiles() {
            @Override
            public LoopBacking.FileIdentity create(java.nio.file.Path file, dev.cos.installer.model.ByteSize size) {
                fileOperation("create " + file + " (" + size.human() + ", sparse, mode 0600, owned by the user who asked)");
                return PLACEHOLDER_FILE;
            }

            @Override
            public LoopBacking.FileIdentity identify(java.nio.file.Path file) {
                return PLACEHOLDER_FILE;
            }
        };
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }
}
