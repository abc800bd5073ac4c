package dev.cos.installer.spec;

/**
 * Compressions GRUB 2.06 can read a squashfs with (not lz4, not zstd). gzip is the default:
 * about 8 times faster than the toolkit's xz for 20% more bytes.
 */
public enum SquashCompression {
    GZIP, XZ, LZO;

    public String mksquashfsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
