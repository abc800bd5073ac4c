package dev.cos.installer.installed;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private mount directories of runs: {@code <runDir>/<verb>-<pid>-<random>/}, one per run, so two
 * runs never share mount points. A run that is killed (SIGKILL, OOM killer) cannot remove its own;
 * the next run removes those of dead processes, as long as they are empty. A user should not have to
 * clean /run by hand after a killed upgrade, and nothing but an empty directory is ever removed: a
 * mount point still mounted (EBUSY, or not empty) stays, as does a directory whose process lives.
 */
public final class MountBases {

    /** Where the CLI puts them: on tmpfs, so a reboot also clears them. */
    public static final Path RUN_DIR = Path.of("/run/cos-installer");
    private static final Pattern NAME = Pattern.compile("[a-z]+-(\\d+)-\\d+");
    private static final Logger LOG = LoggerFactory.getLogger(MountBases.class);

    private MountBases() {
    }

    /**
     * Removes the empty mount directories of dead runs from {@code runDir}, then creates this run's.
     *
     * @throws InstallerException MOUNT when the directory cannot be created
     */
    public static Path create(Path runDir, String verb) {
        try {
            Files.createDirectories(runDir);
            removeStale(runDir, pid -> ProcessHandle.of(pid).isPresent());
            return Files.createTempDirectory(runDir, verb + "-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot prepare mount points under " + runDir + ": " + FailureWords.describe(e));
        }
    }

    /**
     * Removes every {@code <verb>-<pid>-<n>} directory of {@code runDir} whose pid is not alive, with its
     * empty subdirectories (the mount points); never anything that is not empty. Directories named
     * otherwise (older versions did not record the pid) are left alone.
     *
     * @return the directories removed
     */
    public static List<Path> removeStale(Path runDir, LongPredicate alive) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(runDir)) {
            for (Path run : runs) {
                Matcher m = NAME.matcher(run.getFileName().toString());
                if (m.matches() && Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) && !alive.test(Long.parseLong(m.group(1)))
                        && removeEmpty(run)) {
                    removed.add(run);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot look for stale mount directories in {}: {}", runDir, e.getMessage());
        }
        return removed;
    }

    /** Removes {@code run}'s empty subdirectories and then {@code run}; false when something stays. */
    private static boolean removeEmpty(Path run) {
        try {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(run)) {
                for (Path child : children) {
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(child);  // rmdir: fails on a non-empty directory or a mount point
                    }
                }
            }
            Files.delete(run);
            LOG.info("removed {}, the empty mount directory of a run that no longer exists", run);
            return true;
        } catch (IOException e) {
            LOG.warn("left {} of a dead run as it is: {}", run, e.getMessage());
            return false;
        }
    }

    /** Removes this run's (empty) mount directory; a failure is only logged. */
    public static void remove(Path mountBase) {
        try {
            Files.deleteIfExists(mountBase);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", mountBase, e.getMessage());
        }
    }
}
