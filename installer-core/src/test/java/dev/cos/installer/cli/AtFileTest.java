package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * picocli's {@code @FILE} expansion is off: an argument {@code @/etc/shadow} given to the engine (running
 * as root) is an argument, never the lines of a file the caller may not read.
 */
class AtFileTest {

    /** A file only root may read, holding one secret line (as /etc/shadow does). */
    static Path rootOnlyFile(Path dir) throws Exception {
        Path secret = dir.resolve("shadow");
        Files.writeString(secret, "root:$6$secret-hash-line:19000:0:99999:7:::\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        return secret;
    }

    @Test
    void anAtFileArgumentIsNotReplacedByTheFilesLines(@TempDir Path dir) throws Exception {
        Path secret = rootOnlyFile(dir);

        Cli.Result result = Cli.run("disks", "--json", "@" + secret);

        assertEquals(2, result.exitCode(), result::toString);
        assertFalse((result.out() + result.err()).contains("secret-hash-line"), result::toString);
        assertTrue(result.err().contains("@" + secret), "the argument is named as given:\n" + result);
    }
}
