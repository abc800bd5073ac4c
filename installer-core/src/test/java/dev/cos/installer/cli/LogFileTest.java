package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's log directory: private, and pruned to the last {@value LogFile#KEEP} runs. */
class LogFileTest {

    @TempDir
    Path temp;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theLogDirectoryIsCreatedReadableByItsOwnerOnly() throws IOException {
        Path dir = temp.resolve("var/log/cos-installer");
        assertEquals(Optional.of(dir), LogFile.privateDirectory(dir));
        assertEquals("rwx------", mode(dir));
    }

    @Test
    void anExistingLogDirectoryAndItsLogsAreMadePrivate() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("cos-installer"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(dir.resolve("cos-installer-20261101-101010.log"), "an older version's log");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        LogFile.privateDirectory(dir);
        LogFile.prune(dir);
        assertEquals("rwx------", mode(dir));
        assertEquals("rw-------", mode(old));
    }

    @Test
    void onlyTheNewestLogsAreKeptSoThatWithThisRunsThereAreFifty() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("logs"));
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < 60; i++) {
            Files.writeString(dir.resolve(LogFile.fileName(start.plusMinutes(i))), "run " + i);
        }
        Path other = Files.writeString(dir.resolve("notes.txt"), "not a log of ours");
        LogFile.prune(dir);
        List<String> left;
        try (Stream<Path> files = Files.list(dir)) {
            left = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
        }
        assertEquals(LogFile.KEEP - 1, left.size());
        assertEquals(LogFile.fileName(start.plusMinutes(60 - LogFile.KEEP + 1)), left.get(0), "the oldest went");
        assertEquals(LogFile.fileName(start.plusMinutes(59)), left.get(left.size() - 1));
        assertTrue(Files.exists(other), "other files are left alone");
    }
}
