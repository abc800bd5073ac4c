package dev.cos.installer.app.testsupport;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads what {@code xwd -root} writes (X Window Dump, version 7, ZPixmap of 24 or 32 bits per pixel,
 * as Xvfb's TrueColor screens give) into a {@link BufferedImage}: no ImageMagick needed.
 */
public final class XwdImage {

    private static final int HEADER_FIELDS = 25;

    private XwdImage() {}

    /** @throws IllegalArgumentException for a dump this reader does not know */
    public static BufferedImage parse(byte[] dump) {
        ByteBuffer header = ByteBuffer.wrap(dump).order(ByteOrder.BIG_ENDIAN);
        int[] f = new int[HEADER_FIELDS];
        for (int i = 0; i < HEADER_FIELDS; i++) {
            f[i] = header.getInt();
        }
        int headerSize = f[0];
        int version = f[1];
        int format = f[2];
        int width = f[4];
        int height = f[5];
        int byteOrder = f[7];
        int bitsPerPixel = f[11];
        int bytesPerLine = f[12];
        int[] masks = {f[14], f[15], f[16]};
        int colours = f[19];
        if (version != 7 || format != 2 || (bitsPerPixel != 32 && bitsPerPixel != 24)) {
            throw new IllegalArgumentException("not a 24/32-bit ZPixmap XWD v7 dump: version " + version
                    + ", format " + format + ", " + bitsPerPixel + " bits per pixel");
        }
        int offset = headerSize + colours * 12;
        ByteBuffer pixels = ByteBuffer.wrap(dump).order(byteOrder == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int bytesPerPixel = bitsPerPixel / 8;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = offset + y * bytesPerLine + x * bytesPerPixel;
                int value = bytesPerPixel == 4 ? pixels.getInt(at) : threeBytes(dump, at, byteOrder == 0);
                image.setRGB(x, y, channel(value, masks[0]) << 16 | channel(value, masks[1]) << 8 | channel(value, masks[2]));
            }
        }
        return image;
    }

    private static int threeBytes(byte[] d, int at, boolean littleEndian) {
        int a = d[at] & 0xff;
        int b = d[at + 1] & 0xff;
        int c = d[at + 2] & 0xff;
        return littleEndian ? c << 16 | b << 8 | a : a << 16 | b << 8 | c;
    }

    /** The channel under {@code mask}, scaled to 8 bits. */
    private static int channel(int value, int mask) {
        int shift = Integer.numberOfTrailingZeros(mask);
        int bits = Integer.bitCount(mask);
        int v = (value & mask) >>> shift;
        return bits >= 8 ? v >>> (bits - 8) : v << (8 - bits);
    }
}
