package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import dev.cos.installer.spec.RecoveryFs;
import static dev.cos.installer.config.ConfigFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.Firmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path tmp;

    private final ConfigLoader loader = new ConfigLoader(Path.of("/nonexistent-default-config-dir"));

    @Test
    void fullExampleFillsEveryField() {
        InstallerConfigs configs = loader.load(Optional.of(fixture("full/config.yaml")), NO_ENV);

        InstallConfig install = configs.install();
        assertEquals(Optional.of(Path.of("/dev/vdb")), install.target());
        assertEquals(Optional.of(Firmware.HYBRID), install.firmware());
        assertEquals(new PartitionConfig(Optional.of("MY_OEM"), Optional.of(128L), Optional.of(PartitionFs.EXT3)),
                install.partitions().oem());
        assertEquals(new PartitionConfig(Optional.empty(), Optional.of(5000L), Optional.empty()), install.partitions().recovery());
        assertEquals(new PartitionConfig(Optional.of("MY_STATE"), Optional.of(9000L), Optional.of(PartitionFs.EXT4)),
                install.partitions().state());
        assertEquals(new PartitionConfig(Optional.empty(), Optional.of(0L), Optional.of(PartitionFs.EXT2)),
                install.partitions().persistent());
        assertEquals(List.of(
                        new ExtraPartition("data", 2048, Optional.of(PartitionFs.EXT4), Optional.of("DATA")),
                        new ExtraPartition("raw", 16, Optional.empty(), Optional.empty())),
                install.extraPartitions());
        assertEquals(Optional.of("oci:registry.example.org/cos/system:v1"), install.systemUri());
        assertEquals(Optional.of("dir:///srv/recovery-tree"), install.recoverySystemUri());
        assertEquals(Optional.of(RecoveryFs.EXT2), install.recoverySystemFs());
        assertEquals(Optional.of(3072L), install.systemSizeMiB());
        assertEquals(List.of("/etc/cos/cloud-init/users.yaml", "https://example.org/extra.yaml"), install.cloudInit());
        assertEquals(Optional.of("My cOS"), install.grubEntryName());
        assertEquals(Optional.of(false), install.noFormat());
        assertEquals(Optional.of(true), install.force());
        assertEquals(Optional.of(false), install.allowUnverified());

        assertEquals(new UpgradeConfig(Optional.of("file:///srv/system.tar.zst"), Optional.of(true),
                Optional.of("/srv/recovery.squashfs"), Optional.of(true)), configs.upgrade());
        // reset.system uses the plain-value shorthand for {uri: ...}
        assertEquals(new ResetConfig(Optional.of(true), Optional.of(false), Optional.of("oci:registry.example.org/cos/system:v2"),
                        Optional.empty()),
                configs.reset());
        assertEquals(new GlobalConfig(Optional.of(true), Optional.of(false), Optional.of(true), Optional.of(true),
                Optional.of(SquashCompression.XZ)), configs.global());
    }

    @Test
    void dropInsOverrideMainFileInNameOrderFieldByField() {
        InstallerConfigs configs = loader.load(Optional.of(fixture("layered")), NO_ENV);

        InstallConfig install = configs.install();
        assertEquals(Optional.of(Path.of("/dev/vdc")), install.target(), "20-site.yaml is applied after 10-sizes.yaml");
        assertEquals(Optional.of(Firmware.EFI), install.firmware(), "kept from config.yaml");
        assertEquals(new PartitionConfig(Optional.of("BASE_STATE"), Optional.of(6000L), Optional.empty()), install.partitions().state(),
                "size from 10-sizes.yaml, label still from config.yaml");
        assertEquals(Optional.of(100L), install.partitions().oem().sizeMiB());
        assertEquals(List.of("/site-a.yaml", "/site-b.yaml"), install.cloudInit(), "a later list replaces, not appends");
        assertEquals(Optional.of(false), configs.global().reboot());
        assertEquals(Optional.of(SquashCompression.GZIP), configs.global().squashCompression());
    }

    @Test
    void filesAreMainThenYamlDropInsByName() {
        Path dir = fixture("layered");
        List<Path> expected = List.of(dir.resolve("config.yaml"), dir.resolve("config.d/05-empty.yaml"),
                dir.resolve("config.d/10-sizes.yaml"), dir.resolve("config.d/20-site.yaml"));

        assertEquals(expected, loader.files(Optional.of(dir)));
        assertEquals(expected, loader.files(Optional.of(dir.resolve("config.yaml"))), "config.yaml brings its sibling config.d");
    }

    @Test
    void aFileNotNamedConfigYamlIsReadAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("etc"));
        Files.createDirectories(dir.resolve("config.d"));
        Files.writeString(dir.resolve("config.d/10.yaml"), "install: {target: /dev/vdz}\n");
        Path single = Files.writeString(dir.resolve("site.yaml"), "install: {target: /dev/vdb}\n");

        assertEquals(List.of(single), loader.files(Optional.of(single)));
        assertEquals(Optional.of(Path.of("/dev/vdb")), loader.load(Optional.of(single), NO_ENV).install().target());
    }

    @Test
    void environmentOverridesFiles() {
        Map<String, String> env = Map.of(
                "ELEMENTAL_INSTALL_TARGET", "/dev/nvme0n1",
                "ELEMENTAL_INSTALL_FIRMWARE", "bios",
                "ELEMENTAL_INSTALL_SYSTEM_URI", "dir:///srv/tree",
                "ELEMENTAL_INSTALL_PARTITIONS_STATE_SIZE", "7000",
                "ELEMENTAL_INSTALL_CLOUD_INIT", "/a.yaml, /b.yaml",
                "ELEMENTAL_INSTALL_NO_FORMAT", "true",
                "ELEMENTAL_REBOOT", "true",
                "ELEMENTAL_SQUASH_COMPRESSION", "lzo",
                "ELEMENTAL_RESET_RESET_OEM", "1",
                "ELEMENTAL_DEBUG", "whatever: not ours");

        InstallerConfigs configs = loader.load(Optional.of(fixture("layered")), env);

        InstallConfig install = configs.install();
        assertEquals(Optional.of(Path.of("/dev/nvme0n1")), install.target());
        assertEquals(Optional.of(Firmware.BIOS), install.firmware());
        assertEquals(Optional.of("dir:///srv/tree"), install.systemUri());
        assertEquals(new PartitionConfig(Optional.of("BASE_STATE"), Optional.of(7000L), Optional.empty()), install.partitions().state());
        assertEquals(List.of("/a.yaml", "/b.yaml"), install.cloudInit());
        assertEquals(Optional.of(true), install.noFormat());
        assertEquals(Optional.of(true), configs.global().reboot(), "env wins over 20-site.yaml's reboot: false");
        assertEquals(Optional.of(SquashCompression.LZO), configs.global().squashCompression());
        assertEquals(Optional.of(true), configs.reset().resetOem());
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() {
        InstallerConfigs configs = loader.load(Optional.of(fixture("layered")), Map.of("ELEMENTAL_INSTALL_TARGET", ""));

        assertEquals(Optional.of(Path.of("/dev/vdc")), configs.install().target());
    }

    @Test
    void noPathReadsTheDefaultDirectoryWhenItExists() throws IOException {
        Files.writeString(tmp.resolve("config.yaml"), "install:\n  target: /dev/vdq\n");

        assertEquals(Optional.of(Path.of("/dev/vdq")), new ConfigLoader(tmp).load(Optional.empty(), NO_ENV).install().target());
    }

    @Test
    void noPathAndNoDefaultDirectoryMeansOnlyTheEnvironment() {
        InstallerConfigs configs = loader.load(Optional.empty(), Map.of("ELEMENTAL_INSTALL_TARGET", "/dev/vdx"));

        assertEquals(InstallerConfigs.EMPTY.withInstall(InstallConfig.builder().target(Optional.of(Path.of("/dev/vdx"))).build()),
                configs);
    }

    @Test
    void emptyFileAndEmptySectionsAreAnEmptyConfig() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.yaml"), "");
        Path sections = Files.writeString(tmp.resolve("sections.yaml"), "install:\nupgrade:\nreset: {}\n");

        assertEquals(InstallerConfigs.EMPTY, loader.load(Optional.of(empty), NO_ENV));
        assertEquals(InstallerConfigs.EMPTY, loader.load(Optional.of(sections), NO_ENV));
    }

    @Test
    void plainValuesStandForListsAndUriMappingsAndEmptyValuesForUnset() throws IOException {
        Path file = Files.writeString(tmp.resolve("short.yaml"), """
                install:
                  target: ''
                  cloud-init: /only.yaml
                  system: /srv/system-tree
                  recovery-system: oci:registry.example.org/recovery:v1
                upgrade:
                  system: file:///srv/system.tar
                """);

        InstallerConfigs configs = loader.load(Optional.of(file), NO_ENV);

        assertEquals(Optional.empty(), configs.install().target());
        assertEquals(List.of("/only.yaml"), configs.install().cloudInit());
        assertEquals(Optional.of("/srv/system-tree"), configs.install().systemUri());
        assertEquals(Optional.of("oci:registry.example.org/recovery:v1"), configs.install().recoverySystemUri());
        assertEquals(Optional.of("file:///srv/system.tar"), configs.upgrade().systemUri());
    }

    @Test
    void missingConfigPathIsRefused() {
        Path missing = tmp.resolve("no-such-config.yaml");

        InstallerException e = assertThrows(InstallerException.class, () -> loader.load(Optional.of(missing), NO_ENV));

        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }
}
