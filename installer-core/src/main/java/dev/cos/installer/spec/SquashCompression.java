package dev.cos.installer.spec;

/**
 * Compressions GRUB 2.06 can read a squashfs with (not lz4, not zstd). gzip is the default, at
 * level 6: on a 450 MB tree about 20 times less CPU than the toolkit's xz for 24% more bytes
 * (docs/benchmarks.md).
 */
public enum SquashCompression {
    GZIP, XZ, LZO;

    public String mksquashfsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
