package dev.cos.installer.config;

/**
 * mksquashfs compressors that GRUB 2.06 can read (spec section 2): a recovery squashfs that GRUB
 * boots from must use one of these. lz4 and zstd are deliberately absent.
 */
public enum SquashCompression {
    GZIP, XZ, LZO;

    /** The name mksquashfs's {@code -comp} takes. */
    public String compName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
