package dev.cos.installer.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks polkit whether a process may do an action: {@code pkcheck --action-id ACTION --process PID,START,UID
 * --allow-user-interaction}, so polkit's authentication agent in that process's session asks for a password
 * when the action's rule says so (docs/privileges.md).
 */
public final class Pkcheck {

    /** What polkit answered. */
    public sealed interface Decision {
    }

    /** Allowed (perhaps after the person authenticated). */
    public record Authorized() implements Decision {
    }

    /** Not allowed: {@code dismissed} when the person closed the authentication dialog. */
    public record Refused(boolean dismissed, String details) implements Decision {
    }

    private final CommandRunner runner;
    private final Path proc;

    public Pkcheck(CommandRunner runner) {
        this(runner, Path.of("/proc"));
    }

    /** Tests: another /proc. */
    Pkcheck(CommandRunner runner, Path proc) {
        this.runner = runner;
        this.proc = proc;
    }

    /**
     * @param pid the process asking (its start time, read from /proc, keeps a reused pid from passing)
     * @param uid the user it runs as, as pkexec named it ({@code PKEXEC_UID})
     */
    public Decision check(String actionId, long pid, long uid) {
        List<String> argv = new ArrayList<>(List.of("pkcheck", "--action-id", actionId, "--process",
                pid + "," + startTime(pid) + "," + uid, "--allow-user-interaction"));
        CommandResult result = runner.execute(Command.of(argv));
        return switch (result.exitCode()) {
            case 0 -> new Authorized();
            case 3 -> new Refused(true, "pkcheck: the authentication dialog was dismissed");
            default -> new Refused(false, "pkcheck exited " + result.exitCode() + ": " + (result.stdout() + result.stderr()).strip());
        };
    }

    /** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot (what polkit compares). */
    long startTime(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[22 - 3]);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the start time of process " + pid + ": " + e.getMessage(), e);
        }
    }
}
