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
 */
public record InstallSpec(String target, Optional<ByteSize> createSize, String source, Optional<Firmware> firmware,
                          Map<PartitionRole, Long> partSizesMiB, Map<PartitionRole, String> labels,
                          Optional<Long> systemSizeMiB, RecoveryFs recoveryFs, SquashCompression squashCompression,
                          List<Path> cloudInit, boolean assumeYes) {

    public InstallSpec {
        partSizesMiB = Map.copyOf(partSizesMiB);
        labels = Map.copyOf(labels);
        cloudInit = List.copyOf(cloudInit);
    }

    /** A spec with every option at its default. */
    public static InstallSpec of(String target, Optional<ByteSize> createSize, String source) {
        return new InstallSpec(target, createSize, source, Optional.empty(), Map.of(), Map.of(), Optional.empty(),
                RecoveryFs.SQUASHFS, SquashCompression.GZIP, List.of(), false);
    }

    public String label(PartitionRole role) {
        return labels.getOrDefault(role, role.defaultLabel().orElse(""));
    }
}
