package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * upgrade and reset take their options from config.yaml's sections, flags winning. The target does
 * not exist, so each run stops right after its start event, which shows what was chosen.
 */
class VerbConfigTest {

    @TempDir
    Path temp;

    private Path config(String yaml) throws IOException {
        return Files.writeString(temp.resolve("config.yaml"), yaml);
    }

    private String missingDisk() {
        return temp.resolve("no-such-disk.img").toString();
    }

    @Test
    void upgradeWithoutSourceTakesUpgradeSystemUriAndRecoveryTakesItsOwnUri() throws IOException {
        Path config = config("upgrade:\n  system: dir:///srv/v2\n  recovery-system:\n    uri: dir:///srv/rec\n");
        Cli.Result system = Cli.run("upgrade", "--config", config.toString(), "--target", missingDisk(), "--as-booted", "active");
        assertEquals(ErrorCode.INVALID_TARGET.exitCode(), system.exitCode(), system::toString);
        assertTrue(system.out().contains("dir:///srv/v2"), system::toString);

        Cli.Result recovery = Cli.run("upgrade", "--config", config.toString(), "--target", missingDisk(), "--as-booted",
                "active", "--recovery");
        assertTrue(recovery.out().contains("dir:///srv/rec") && recovery.out().contains("recovery"), recovery::toString);

        Cli.Result flag = Cli.run("upgrade", "--config", config.toString(), "--target", missingDisk(), "--as-booted", "active",
                "--source", "dir:///srv/flag");
        assertTrue(flag.out().contains("dir:///srv/flag") && !flag.out().contains("dir:///srv/v2"), flag::toString);
    }

    @Test
    void upgradeWithNoSourceAnywhereIsAUsageError() throws IOException {
        Cli.Result result = Cli.run("upgrade", "--config", config("upgrade: {}\n").toString(), "--target", missingDisk(),
                "--as-booted", "active");
        assertEquals(ErrorCode.USAGE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("no source to upgrade from"), result::toString);
    }

    @Test
    void resetTakesItsSectionAndFlagsWin() throws IOException {
        Path config = config("reset:\n  reset-persistent: true\n  system: dir:///srv/base\n");
        Cli.Result result = Cli.run("reset", "--config", config.toString(), "--target", missingDisk(), "--as-booted",
                "recovery", "--progress=json");
        assertEquals(ErrorCode.INVALID_TARGET.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.out().contains("\"persistent\":\"reformatted\"") && result.out().contains("\"oem\":\"kept\"")
                && result.out().contains("dir:///srv/base"), result::toString);

        Cli.Result flags = Cli.run("reset", "--config", config.toString(), "--target", missingDisk(), "--as-booted",
                "recovery", "--progress=json", "--reset-oem", "--source", "dir:///srv/flag");
        assertTrue(flags.out().contains("\"oem\":\"reformatted\"") && flags.out().contains("dir:///srv/flag"), flags::toString);
    }
}
