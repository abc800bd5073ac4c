package dev.cos.installer.boot;

import dev.cos.installer.model.Firmware;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bootloader goes.
 *
 * @param disk the whole disk device (BIOS: boot.img goes to its sector 0)
 * @param sectorBytes the disk's logical sector size
 * @param efiPartition the ESP's device (COS_GRUB), needed for EFI and hybrid
 * @param biosPartition the BIOS boot partition, needed for BIOS and hybrid
 * @param stateMount where COS_STATE is mounted (GRUB's files go to its /grub2)
 * @param recoveryMount where COS_RECOVERY is mounted (a copy of grub.cfg goes to its /grub2)
 * @param labels the labels GRUB searches for
 */
public record BootloaderTarget(Firmware firmware, String disk, int sectorBytes, Optional<String> efiPartition,
                               Optional<BiosPartition> biosPartition, Path stateMount, Path recoveryMount,
                               BootEnvironment.Labels labels) {

    /** The BIOS boot partition: its device, its first sector and its size, counted in 512-byte sectors. */
    public record BiosPartition(String device, long startSector512, long sizeSectors512) {
    }
}
