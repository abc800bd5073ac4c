package dev.cos.installer.cli;

import dev.cos.installer.log.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the log file of this run and hands it to logback (log.LogSetup reads cos.log.file, and
 * creates the file mode 0600). Must run before the first logger is created.
 *
 * <p>The logs hold URLs, cloud-init file names and every command: their directory is private (0700)
 * and only the last {@value #KEEP} runs' logs are kept.
 */
final class LogFile {

    static final String PROPERTY = LogSetup.FILE_PROPERTY;
    /** How many runs' logs the log directory keeps, this run's included. */
    static final int KEEP = 50;

    private static final String PREFIX = "cos-installer-";
    private static final String SUFFIX = ".log";

    private LogFile() {
    }

    /** Sets the log file unless one was given with -Dcos.log.file; returns it. */
    static Path configure() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return Path.of(given);
        }
        Optional<Path> own = privateDirectory(Path.of("/var/log/cos-installer"))
                .or(() -> privateDirectory(userCacheDir().resolve("cos-installer/logs")));
        own.ifPresent(LogFile::prune);
        // The shared temp directory is nobody's to prune: there the file itself is private (LogSetup).
        Path dir = own.orElse(Path.of(System.getProperty("java.io.tmpdir")));
        Path file = dir.resolve(fileName(LocalDateTime.now()));
        System.setProperty(PROPERTY, file.toString());
        return file;
    }

    /** The log file of this run, as configured. */
    static Path current() {
        String path = System.getProperty(PROPERTY);
        return Path.of(path == null ? System.getProperty("java.io.tmpdir") + "/cos-installer.log" : path);
    }

    /** The name of a run's log: sorting the names sorts the runs by start time. */
    static String fileName(LocalDateTime start) {
        return PREFIX + start.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + SUFFIX;
    }

    /**
     * {@code dir}, created mode 0700 when missing (an existing one is narrowed to 0700), if this
     * process may write it.
     */
    static Optional<Path> privateDirectory(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(dir)) {
                return Optional.empty();
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return Optional.of(dir);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the oldest logs of {@code dir} so that, with this run's, {@value #KEEP} are left; the
     * ones kept are narrowed to 0600 (older versions wrote 0644). Other files are left alone; a file
     * that cannot be removed is skipped (a log is not worth failing the run for).
     */
    static void prune(Path dir) {
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(LogFile::isRunLog).sorted().toList();
        } catch (IOException e) {
            return;
        }
        int excess = Math.max(0, logs.size() - (KEEP - 1));
        for (int i = 0; i < logs.size(); i++) {
            try {
                if (i < excess) {
                    Files.delete(logs.get(i));
                } else {
                    Files.setPosixFilePermissions(logs.get(i), PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // skipped, see above
            }
        }
    }

    private static boolean isRunLog(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static Path userCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
