package dev.cos.installer.spec;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked an install to do, after config file, flags and environment are merged.
 *
 * @param target a block device, or a disk image file
 * @param createSize create the image file sparse with this size (only when it does not exist)
 * @param source a directory, tar archive, squashfs or ext image (path or dir:// / file:// URI)
 * @param firmware empty = detect (a file target gets HYBRID)
 * @param partSizesMiB sizes set explicitly (MiB, 0 = rest of the disk)
 * @param labels filesystem labels that differ from the spec's
 * @param systemSizeMiB size of active/passive, empty = tree + 256 MiB
 * @param cloudInit files copied to COS_OEM as 90_custom.yaml, 91_custom.yaml, ...
 * @param assumeYes the user confirmed erasing an existing disk or image file
 * @param bootTries failed boots of a slot before GRUB moves on to the next (active, passive, recovery)
 */
public record InstallSpec(String target, Optional<ByteSize> createSize, String source, Optional<Firmware> firmware,
                          Map<PartitionRole, Long> partSizesMiB, Map<PartitionRole, String> labels,
                          Optional<Long> systemSizeMiB, RecoveryFs recoveryFs, SquashCompression squashCompression,
                          List<Path> cloudInit, boolean assumeYes, int bootTries) {

    public static final int DEFAULT_BOOT_TRIES = 1;
    public static final int MAX_BOOT_TRIES = 9;

    public InstallSpec {
        if (bootTries < 1 || bootTries > MAX_BOOT_TRIES) {
            throw new IllegalArgumentException("boot tries must be between 1 and " + MAX_BOOT_TRIES + ", got " + bootTries);
        }
        partSizesMiB = Map.copyOf(partSizesMiB);
        labels = Map.copyOf(labels);
        cloudInit = List.copyOf(cloudInit);
    }

    /** A spec with every option at its default. */
    public static InstallSpec of(String target, Optional<ByteSize> createSize, String source) {
        return new InstallSpec(target, createSize, source, Optional.empty(), Map.of(), Map.of(), Optional.empty(),
                RecoveryFs.SQUASHFS, SquashCompression.GZIP, List.of(), false, DEFAULT_BOOT_TRIES);
    }

    public InstallSpec withBootTries(int tries) {
        return new InstallSpec(target, createSize, source, firmware, partSizesMiB, labels, systemSizeMiB, recoveryFs,
                squashCompression, cloudInit, assumeYes, tries);
    }

    public String label(PartitionRole role) {
        return labels.getOrDefault(role, role.defaultLabel().orElse(""));
    }
}
