package dev.cos.installer.config;

import dev.cos.installer.spec.RecoveryFs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    private static List<String> allVariables() {
        EnvSection root = EnvSection.root(Map.of());
        ConfigBinder.bind(root);
        return root.askedVariables();
    }

    @Test
    void everyKeyHasItsOwnVariable() {
        List<String> variables = allVariables();

        assertEquals(variables.size(), new HashSet<>(variables).size(), "two keys share a variable: " + variables);
        assertTrue(variables.containsAll(List.of("ELEMENTAL_INSTALL_TARGET", "ELEMENTAL_INSTALL_FIRMWARE",
                "ELEMENTAL_INSTALL_SYSTEM_URI", "ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE", "ELEMENTAL_INSTALL_RECOVERY_SYSTEM_FS",
                "ELEMENTAL_INSTALL_SYSTEM_SIZE", "ELEMENTAL_UPGRADE_RECOVERY_SYSTEM_URI", "ELEMENTAL_RESET_RESET_PERSISTENT",
                "ELEMENTAL_REBOOT", "ELEMENTAL_EJECT_CD", "ELEMENTAL_SQUASH_COMPRESSION")), variables.toString());
    }

    @Test
    void docsListEveryVariable() throws IOException {
        // Maven runs tests in the module directory; the docs live at the repository root.
        String docs = Files.readString(Path.of("..", "docs", "config.md"));

        for (String variable : allVariables()) {
            assertTrue(docs.contains("`" + variable + "`"), variable + " is missing from docs/config.md");
        }
    }

    @Test
    void everyVariableReachesItsField() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("ELEMENTAL_INSTALL_RECOVERY_SYSTEM_URI", "oci:recovery:v1"),
                Map.entry("ELEMENTAL_INSTALL_RECOVERY_SYSTEM_FS", "squashfs"),
                Map.entry("ELEMENTAL_INSTALL_SYSTEM_SIZE", "2048"),
                Map.entry("ELEMENTAL_INSTALL_PARTITIONS_OEM_LABEL", "OEM2"),
                Map.entry("ELEMENTAL_INSTALL_PARTITIONS_PERSISTENT_FS", "ext3"),
                Map.entry("ELEMENTAL_INSTALL_GRUB_ENTRY_NAME", "Demo"),
                Map.entry("ELEMENTAL_INSTALL_PART_TABLE", "GPT"),
                Map.entry("ELEMENTAL_UPGRADE_SYSTEM_URI", "oci:system:v2"),
                Map.entry("ELEMENTAL_UPGRADE_RECOVERY", "yes"),
                Map.entry("ELEMENTAL_UPGRADE_RECOVERY_SYSTEM_URI", "oci:recovery:v2"),
                Map.entry("ELEMENTAL_RESET_RESET_PERSISTENT", "true"),
                Map.entry("ELEMENTAL_RESET_SYSTEM_URI", "dir:///srv/tree"),
                Map.entry("ELEMENTAL_RESET_ALLOW_UNVERIFIED", "true"),
                Map.entry("ELEMENTAL_POWEROFF", "false"),
                Map.entry("ELEMENTAL_EJECT_CD", "on"),
                Map.entry("ELEMENTAL_STRICT", "0"));

        InstallerConfigs configs = ConfigBinder.bind(EnvSection.root(env));

        InstallConfig install = configs.install();
        assertEquals("oci:recovery:v1", install.recoverySystemUri().orElseThrow());
        assertEquals(RecoveryFs.SQUASHFS, install.recoverySystemFs().orElseThrow());
        assertEquals(2048L, install.systemSizeMiB().orElseThrow());
        assertEquals("OEM2", install.partitions().oem().label().orElseThrow());
        assertEquals(PartitionFs.EXT3, install.partitions().persistent().fs().orElseThrow());
        assertEquals("Demo", install.grubEntryName().orElseThrow());
        assertEquals(new UpgradeConfig(Optional.of("oci:system:v2"), Optional.of(true),
                Optional.of("oci:recovery:v2"), Optional.empty()), configs.upgrade());
        assertEquals(new ResetConfig(Optional.of(true), Optional.empty(), Optional.of("dir:///srv/tree"), Optional.of(true)),
                configs.reset());
        assertEquals(new GlobalConfig(Optional.empty(), Optional.of(false), Optional.of(true),
                Optional.of(false), Optional.empty()), configs.global());
    }
}
