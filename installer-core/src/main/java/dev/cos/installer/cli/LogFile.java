package dev.cos.installer.cli;

import dev.cos.installer.log.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Chooses the log file of this run and hands it to logback (log.LogSetup reads cos.log.file).
 * Must run before the first logger is created.
 */
final class LogFile {

    static final String PROPERTY = LogSetup.FILE_PROPERTY;

    private LogFile() {
    }

    /** Sets the log file unless one was given with -Dcos.log.file; returns it. */
    static Path configure() {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            return Path.of(given);
        }
        String name = "cos-installer-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log";
        Path dir = writableDirectory(Path.of("/var/log/cos-installer"))
                .orElseGet(() -> writableDirectory(userCacheDir().resolve("cos-installer/logs"))
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"))));
        Path file = dir.resolve(name);
        System.setProperty(PROPERTY, file.toString());
        return file;
    }

    /** The log file of this run, as configured. */
    static Path current() {
        String path = System.getProperty(PROPERTY);
        return Path.of(path == null ? System.getProperty("java.io.tmpdir") + "/cos-installer.log" : path);
    }

    private static Path userCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    private static java.util.Optional<Path> writableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? java.util.Optional.of(dir) : java.util.Optional.empty();
        } catch (IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
