package dev.cos.installer.config;

/** Filesystems a partition of the layout may be formatted with. Labels of all of them hold 16 bytes. */
public enum PartitionFs {
    EXT2, EXT3, EXT4;

    public static final int MAX_LABEL_BYTES = 16;

    /** The name mkfs and blkid use: "ext4". */
    public String fsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
