package dev.cos.installer.config;

import static dev.cos.installer.config.ConfigFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each refused configuration, and that the message sends the user to the file, line, column and key. */
class ConfigErrorsTest {

    private final ConfigLoader loader = new ConfigLoader(Path.of("/nonexistent-default-config-dir"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed.yaml          | 3 | 12 | malformed YAML: mapping values are not allowed here
            unknown-key.yaml        | 3 | 3  | unknown key 'partitons' in install (did you mean 'partitions'?); valid keys: target, firmware, part-table, partitions, extra-partitions, system, recovery-system, cloud-init, grub-entry-name, no-format, force, system-size, allow-unverified
            unknown-top-key.yaml    | 3 | 1  | unknown key 'reboto' at the top level (did you mean 'reboot'?); valid keys: install, upgrade, reset, reboot, poweroff, eject-cd, strict, squash-compression
            wrong-type.yaml         | 4 | 13 | install.partitions.state.size must be a number of MiB, got 'big'
            negative-size.yaml      | 4 | 13 | install.partitions.oem.size must not be negative, got -64
            bad-firmware.yaml       | 2 | 13 | install.firmware must be one of efi, bios, hybrid, got 'uefi'
            part-table.yaml         | 2 | 15 | install.part-table 'msdos': only gpt is supported
            zstd.yaml               | 2 | 21 | squash-compression 'zstd': GRUB 2.06 cannot read squashfs compressed with zstd/lz4: use gzip, xz or lzo
            bad-compression.yaml    | 1 | 21 | squash-compression must be one of gzip, xz, lzo, got 'bzip2'
            long-label.yaml         | 4 | 14 | install.partitions.state.label 'COS_STATE_IS_TOO_LONG' is 21 bytes long; ext filesystem labels hold 1 to 16
            bad-fs.yaml             | 4 | 11 | install.partitions.state.fs must be one of ext2, ext3, ext4, got 'btrfs'
            bad-recovery-fs.yaml    | 3 | 9  | install.recovery-system.fs must be one of squashfs, ext2, got 'ext4'
            duplicate-key.yaml      | 3 | 3  | duplicate key 'target' (first at
            bad-flag.yaml           | 2 | 10 | install.force must be true or false, got 'maybe'
            list-for-value.yaml     | 2 | 11 | install.target must be a single value, got a list
            value-for-mapping.yaml  | 2 | 15 | install.partitions must be a mapping of keys, got '8192'
            extra-twice.yaml        | 5 | 13 | extra partition 'data' is listed twice
            extra-layout-name.yaml  | 3 | 13 | install.extra-partitions[0].name 'state' is a partition of the cOS layout
            extra-no-size.yaml      | 3 | 7  | install.extra-partitions[0].size is required
            extra-label-no-fs.yaml  | 5 | 14 | install.extra-partitions[0].label needs a filesystem
            alias.yaml              | 3 | 11 | YAML aliases (*b) are not supported
            top-level-list.yaml     | 1 | 1  | the top level of a config file must be a mapping of keys
            two-documents.yaml      | 4 | 1  | a config file holds one YAML document
            """)
    void refusedWithFileLineColumnAndProblem(String fixtureName, int line, int column, String problem) {
        Path file = fixture("errors/" + fixtureName);

        InstallerException e = assertThrows(InstallerException.class, () -> loader.load(Optional.of(file), Map.of()));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        String where = file + ", line " + line + ", column " + column + ": ";
        assertTrue(e.getMessage().startsWith(where), () -> "expected to start with <" + where + ">: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "expected <" + problem + "> in: " + e.getMessage());
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        InstallerException e = assertThrows(InstallerException.class,
                () -> loader.load(Optional.empty(), Map.of("ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE", "big")));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertEquals("environment variable ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE: "
                + "install.partitions.state.size must be a number of MiB, got 'big'", e.getMessage());
    }

    @Test
    void misspeltVariableOfOurSectionsIsRefused() {
        InstallerException e = assertThrows(InstallerException.class,
                () -> loader.load(Optional.empty(), Map.of("ELEMENTAL_INSTALL_TARGTE", "/dev/vda")));

        assertTrue(e.getMessage().startsWith("environment variable ELEMENTAL_INSTALL_TARGTE: not a setting of this installer "
                + "(did you mean 'ELEMENTAL_INSTALL_TARGET'?)"), e.getMessage());
        assertTrue(e.getMessage().contains("ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE"), e.getMessage());
    }

    @Test
    void listOfMappingsCannotComeFromTheEnvironment() {
        InstallerException e = assertThrows(InstallerException.class,
                () -> loader.load(Optional.empty(), Map.of("ELEMENTAL_INSTALL_EXTRA_PARTITIONS", "data=10")));

        assertTrue(e.getMessage().contains("install.extra-partitions cannot be set from the environment"), e.getMessage());
    }

    @Test
    void unreadableDropInNamesItsOwnFile() {
        // The error must point at the drop-in, not at config.yaml which read fine.
        Path dir = fixture("errors-in-drop-in");
        InstallerException e = assertThrows(InstallerException.class, () -> loader.load(Optional.of(dir), Map.of()));

        assertTrue(e.getMessage().startsWith(dir.resolve("config.d/50-typo.yaml") + ", line 2, column 3: unknown key 'forse'"),
                e.getMessage());
    }
}
