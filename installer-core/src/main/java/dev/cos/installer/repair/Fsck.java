package dev.cos.installer.repair;

import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import java.util.List;
import java.util.Optional;

/**
 * argv builders for the filesystem checkers and what their exit codes mean. Pure. e2fsck: 0 clean,
 * 1 errors corrected, 2 corrected and the system should reboot, 4 errors left, 8 operational error,
 * 16 usage, 32 cancelled. fsck.vfat: 0 clean, 1 errors (found, and with -a/-y also corrected), 2 usage.
 */
public final class Fsck {

    /** Lines of a checker's output a result keeps (the log has all of it). */
    static final int OUTPUT_LINES = 12;

    private Fsck() {
    }

    /** How a partition is checked or repaired. */
    public enum Mode {
        /** {@code -n}: opens read-only, changes nothing. */
        CHECK,
        /** {@code -p} (ext) / {@code -a} (vfat): fixes what is safe without asking. */
        PREEN,
        /** {@code -y}: answers yes to every fix (may move damaged files to lost+found). */
        YES
    }

    /** The checker for a filesystem type, or empty when there is none (squashfs, unknown). */
    public static Optional<Command> command(String fs, String device, Mode mode) {
        if (fs.matches("ext[234]")) {
            String flag = switch (mode) {
                case CHECK -> "-n";
                case PREEN -> "-p";
                case YES -> "-y";
            };
            return Optional.of(Command.of("e2fsck", "-f", flag, device));
        }
        if (fs.equals("vfat")) {
            String flag = switch (mode) {
                case CHECK -> "-n";
                case PREEN -> "-a";
                case YES -> "-y";
            };
            return Optional.of(Command.of("fsck.vfat", flag, device));
        }
        return Optional.empty();
    }

    /** clean, repaired, errors or failed (the checker itself could not run). */
    public static String verdict(String fs, int exitCode) {
        if (fs.equals("vfat")) {
            return switch (exitCode) {
                case 0 -> "clean";
                case 1 -> "errors";
                default -> "failed";
            };
        }
        if (exitCode == 0) {
            return "clean";
        }
        if ((exitCode & ~3) == 0) {
            return "repaired";
        }
        return (exitCode & 4) != 0 ? "errors" : "failed";
    }

    /** The first lines of a result's stdout and stderr, for people; the log keeps the rest. */
    public static List<String> firstLines(CommandResult result) {
        return (result.stdout() + "\n" + result.stderr()).lines().map(String::strip).filter(l -> !l.isEmpty())
                .limit(OUTPUT_LINES).toList();
    }
}
