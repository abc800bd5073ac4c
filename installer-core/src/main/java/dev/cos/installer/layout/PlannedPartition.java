package dev.cos.installer.layout;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.PartitionRole;
import java.util.Optional;

/**
 * One partition as it will be written: 1-based number, role, and its extent in whole MiB from the
 * start of the disk (every partition is 1 MiB aligned).
 */
public record PlannedPartition(int number, PartitionRole role, long startMiB, long sizeMiB, Optional<String> label) {

    public long endMiB() {
        return startMiB + sizeMiB;
    }

    public ByteSize size() {
        return ByteSize.ofMiB(sizeMiB);
    }

    public String gptName() {
        return role.gptName();
    }

    public Optional<String> filesystem() {
        return role.filesystem();
    }

    /** First sector for a disk with this logical sector size. */
    public long startSector(int sectorBytes) {
        return startMiB * ByteSize.MIB / sectorBytes;
    }

    /** How many sectors it has on a disk with this logical sector size. */
    public long sizeSectors(int sectorBytes) {
        return sizeMiB * ByteSize.MIB / sectorBytes;
    }

    /** Last sector (inclusive) for a disk with this logical sector size. */
    public long endSector(int sectorBytes) {
        return endMiB() * ByteSize.MIB / sectorBytes - 1;
    }
}
