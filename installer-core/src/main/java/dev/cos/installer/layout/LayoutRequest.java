package dev.cos.installer.layout;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the layout depends on.
 *
 * @param diskSize size of the target disk
 * @param firmware which boot partitions to create
 * @param requestedSizesMiB sizes the user set explicitly (0 = rest of the disk); others use defaults
 * @param labels filesystem labels that differ from the defaults
 * @param treeSize apparent size of the source tree
 * @param systemSizeMiB the system image size the user set, if any
 * @param recoveryIsSquashfs the recovery image is a squashfs (else an ext2 copy of the system image)
 */
public record LayoutRequest(ByteSize diskSize, Firmware firmware, Map<PartitionRole, Long> requestedSizesMiB,
                            Map<PartitionRole, String> labels, ByteSize treeSize, Optional<Long> systemSizeMiB,
                            boolean recoveryIsSquashfs) {

    public LayoutRequest {
        requestedSizesMiB = Map.copyOf(requestedSizesMiB);
        labels = Map.copyOf(labels);
    }
}
