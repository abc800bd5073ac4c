package dev.cos.installer.config;

import dev.cos.installer.spec.SquashCompression;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the CLI's flags land on top of the loaded configuration. */
class InstallConfigMergeTest {

    private final InstallConfig fromFile = InstallConfig.builder()
            .target(Optional.of(Path.of("/dev/vda")))
            .firmware(Optional.of(Firmware.EFI))
            .partitions(PartitionsConfig.EMPTY
                    .with(PartitionRole.STATE, new PartitionConfig(Optional.of("MY_STATE"), Optional.of(8192L), Optional.of(PartitionFs.EXT4)))
                    .with(PartitionRole.OEM, PartitionConfig.ofSizeMiB(64)))
            .cloudInit(List.of("/a.yaml", "/b.yaml"))
            .systemUri(Optional.of("oci:img:v1"))
            .force(Optional.of(true))
            .build();

    @Test
    void setFieldsOfTheOverridesWinAndUnsetOnesKeepTheBase() {
        InstallConfig flags = InstallConfig.builder()
                .target(Optional.of(Path.of("/dev/vdb")))
                .force(Optional.of(false))
                .build();

        InstallConfig merged = fromFile.merge(flags);

        assertEquals(Optional.of(Path.of("/dev/vdb")), merged.target());
        assertEquals(Optional.of(false), merged.force(), "an explicit false overrides true");
        assertEquals(Optional.of(Firmware.EFI), merged.firmware());
        assertEquals(Optional.of("oci:img:v1"), merged.systemUri());
        assertEquals(List.of("/a.yaml", "/b.yaml"), merged.cloudInit(), "an empty list does not clear the base");
        assertEquals(fromFile.partitions(), merged.partitions());
    }

    @Test
    void partitionSizesFromTheCommandLineKeepLabelsAndFilesystemsFromTheFile() {
        InstallConfig flags = InstallConfig.builder()
                .partitions(PartitionsConfig.ofSizesMiB(PartSizes.parse("state=6000,persistent=0")))
                .build();

        PartitionsConfig merged = fromFile.merge(flags).partitions();

        assertEquals(new PartitionConfig(Optional.of("MY_STATE"), Optional.of(6000L), Optional.of(PartitionFs.EXT4)), merged.state());
        assertEquals(PartitionConfig.ofSizeMiB(64), merged.oem());
        assertEquals(PartitionConfig.ofSizeMiB(0), merged.persistent());
        assertEquals(PartitionConfig.EMPTY, merged.recovery());
    }

    @Test
    void aNonEmptyListReplacesTheWholeList() {
        InstallConfig merged = fromFile.merge(InstallConfig.builder().cloudInit(List.of("/c.yaml")).build());

        assertEquals(List.of("/c.yaml"), merged.cloudInit());
    }

    @Test
    void mergingEmptyChangesNothingAndEmptyTakesEverything() {
        assertEquals(fromFile, fromFile.merge(InstallConfig.EMPTY));
        assertEquals(fromFile, InstallConfig.EMPTY.merge(fromFile));
    }

    @Test
    void wholeConfigsMergeSectionBySection() {
        InstallerConfigs base = new InstallerConfigs(
                new GlobalConfig(Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(SquashCompression.XZ)),
                fromFile, new UpgradeConfig(Optional.of("oci:a"), Optional.of(false), Optional.empty(), Optional.of(true)),
                new ResetConfig(Optional.of(true), Optional.empty(), Optional.empty(), Optional.of(true)));
        InstallerConfigs over = new InstallerConfigs(
                new GlobalConfig(Optional.of(false), Optional.of(true), Optional.empty(), Optional.empty(), Optional.empty()),
                InstallConfig.EMPTY, new UpgradeConfig(Optional.empty(), Optional.of(true), Optional.of("oci:r"), Optional.empty()),
                new ResetConfig(Optional.empty(), Optional.of(true), Optional.empty(), Optional.of(false)));

        InstallerConfigs merged = base.merge(over);

        assertEquals(new GlobalConfig(Optional.of(false), Optional.of(true), Optional.empty(), Optional.empty(),
                Optional.of(SquashCompression.XZ)), merged.global());
        assertEquals(fromFile, merged.install());
        assertEquals(new UpgradeConfig(Optional.of("oci:a"), Optional.of(true), Optional.of("oci:r"), Optional.of(true)),
                merged.upgrade());
        assertEquals(new ResetConfig(Optional.of(true), Optional.of(true), Optional.empty(), Optional.of(false)), merged.reset());
    }

    @Test
    void sizesFromPartSizesAreInDiskOrderByRole() {
        PartitionsConfig sized = PartitionsConfig.ofSizesMiB(Map.of(PartitionRole.RECOVERY, 4096L));

        assertEquals(Optional.of(4096L), sized.forRole(PartitionRole.RECOVERY).sizeMiB());
        assertEquals(PartitionConfig.EMPTY, sized.forRole(PartitionRole.STATE));
    }
}
