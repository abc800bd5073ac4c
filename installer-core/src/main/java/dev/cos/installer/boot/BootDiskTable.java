package dev.cos.installer.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.model.PartitionRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bootloader of an installed disk goes, read back from its partition table
 * ({@code sfdisk -J DISK}): the ESP and the BIOS boot partition by their GPT names, and the
 * firmware they imply (both: hybrid). Reset reinstalls GRUB with it. Pure.
 */
public final class BootDiskTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BootDiskTable() {
    }

    /**
     * @param sfdiskJson what {@code sfdisk -J disk} printed
     * @throws InstallerException BOOTLOADER when the table has neither an {@code efi} nor a {@code bios} partition,
     *     INVALID_TARGET when it is not sfdisk JSON of a GPT disk
     */
    public static BootloaderTarget target(String disk, String sfdiskJson, Path stateMount, Path recoveryMount,
                                          BootEnvironment.Labels labels) {
        JsonNode table;
        try {
            table = JSON.readTree(sfdiskJson).path("partitiontable");
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "sfdisk printed something that is not JSON for " + disk);
        }
        if (!"gpt".equals(table.path("label").asText())) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, disk + " has no GPT partition table");
        }
        int sectorBytes = table.path("sectorsize").asInt(512);
        Optional<String> esp = Optional.empty();
        Optional<BootloaderTarget.BiosPartition> bios = Optional.empty();
        for (JsonNode partition : table.path("partitions")) {
            String name = partition.path("name").asText("");
            String node = partition.path("node").asText("");
            if (name.equals(PartitionRole.EFI.gptName())) {
                esp = Optional.of(node);
            } else if (name.equals(PartitionRole.BIOS.gptName())) {
                // BiosBootCode counts in 512-byte sectors.
                long start512 = partition.path("start").asLong() * sectorBytes / 512;
                long size512 = partition.path("size").asLong() * sectorBytes / 512;
                bios = Optional.of(new BootloaderTarget.BiosPartition(node, start512, size512));
            }
        }
        Firmware firmware;
        if (esp.isPresent() && bios.isPresent()) {
            firmware = Firmware.HYBRID;
        } else if (esp.isPresent()) {
            firmware = Firmware.EFI;
        } else if (bios.isPresent()) {
            firmware = Firmware.BIOS;
        } else {
            throw new InstallerException(ErrorCode.BOOTLOADER, disk + " has neither an 'efi' nor a 'bios' partition:"
                    + " there is nowhere to install GRUB; reinstall the system");
        }
        return new BootloaderTarget(firmware, disk, sectorBytes, esp, bios, stateMount, recoveryMount, labels);
    }
}
