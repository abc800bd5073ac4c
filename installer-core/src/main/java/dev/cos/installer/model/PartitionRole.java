package dev.cos.installer.model;

import java.util.Optional;

/**
 * The partitions of the cOS layout, in disk order, with their GPT names, filesystem labels,
 * filesystems, GPT type codes (sgdisk short codes) and default sizes (spec section 1).
 */
public enum PartitionRole {
    BIOS("bios", null, null, "EF02", 1),
    EFI("efi", "COS_GRUB", "vfat", "EF00", 64),
    OEM("oem", "COS_OEM", "ext4", "8300", 64),
    RECOVERY("recovery", "COS_RECOVERY", "ext4", "8300", 4096),
    STATE("state", "COS_STATE", "ext4", "8300", 8192),
    PERSISTENT("persistent", "COS_PERSISTENT", "ext4", "8300", 0);

    private final String gptName;
    private final String defaultLabel;
    private final String filesystem;
    private final String typeCode;
    private final long defaultSizeMiB;

    PartitionRole(String gptName, String defaultLabel, String filesystem, String typeCode, long defaultSizeMiB) {
        this.gptName = gptName;
        this.defaultLabel = defaultLabel;
        this.filesystem = filesystem;
        this.typeCode = typeCode;
        this.defaultSizeMiB = defaultSizeMiB;
    }

    public String gptName() {
        return gptName;
    }

    /** The filesystem label, or empty for the unformatted BIOS boot partition. */
    public Optional<String> defaultLabel() {
        return Optional.ofNullable(defaultLabel);
    }

    /** The filesystem type as mkfs names it, or empty for the unformatted BIOS boot partition. */
    public Optional<String> filesystem() {
        return Optional.ofNullable(filesystem);
    }

    /** sgdisk's short type code: EF02 BIOS boot, EF00 EFI system, 8300 Linux filesystem. */
    public String typeCode() {
        return typeCode;
    }

    /** Default size in MiB; 0 means the rest of the disk. */
    public long defaultSizeMiB() {
        return defaultSizeMiB;
    }

    /** The roles a user can size (OEM, RECOVERY, STATE, PERSISTENT), by their config/CLI key. */
    public static Optional<PartitionRole> sizable(String key) {
        for (PartitionRole role : new PartitionRole[] {OEM, RECOVERY, STATE, PERSISTENT}) {
            if (role.gptName.equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
