package dev.cos.installer.config;

/** The recovery image's format: {@code recovery.squashfs}, or {@code recovery.img} as ext2 (spec section 2). */
public enum RecoveryImageFs {
    SQUASHFS, EXT2;

    public String fsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
