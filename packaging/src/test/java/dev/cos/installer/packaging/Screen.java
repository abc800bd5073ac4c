package dev.cos.installer.packaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * One screenshot of the guest (QEMU's {@code screendump}: a binary PPM, P6, maxval 255).
 *
 * @param width in pixels
 * @param height in pixels
 * @param rgb one 0xRRGGBB int per pixel, row by row
 */
record Screen(int width, int height, int[] rgb) {

    static Screen readPpm(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            String magic = token(in);
            if (!magic.equals("P6")) {
                throw new IOException(file + " is not a binary PPM (" + magic + ")");
            }
            int width = Integer.parseInt(token(in));
            int height = Integer.parseInt(token(in));
            int max = Integer.parseInt(token(in));
            if (max != 255) {
                throw new IOException(file + ": maxval " + max + " is not 255");
            }
            byte[] bytes = in.readNBytes(width * height * 3);
            if (bytes.length != width * height * 3) {
                throw new IOException(file + " is truncated");
            }
            int[] rgb = new int[width * height];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (bytes[3 * i] & 0xff) << 16 | (bytes[3 * i + 1] & 0xff) << 8 | bytes[3 * i + 2] & 0xff;
            }
            return new Screen(width, height, rgb);
        }
    }

    /** How many different colours it shows: a text console has a handful, a GUI with anti-aliased text many. */
    int colourCount() {
        Set<Integer> colours = new HashSet<>();
        for (int pixel : rgb) {
            colours.add(pixel);
            if (colours.size() > 100_000) {
                break;
            }
        }
        return colours.size();
    }

    /** The share of the pixels (0-1) that have the most frequent colour: near 1 for a blank window or screen. */
    double dominantShare() {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int most = 0;
        for (int pixel : rgb) {
            most = Math.max(most, counts.merge(pixel, 1, Integer::sum));
        }
        return rgb.length == 0 ? 1 : (double) most / rgb.length;
    }

    /**
     * Whether it shows the same picture as {@code other}, but for a blinking caret or a spinner:
     * same size and at most 0.5 % of the pixels differ.
     */
    boolean sameAs(Screen other) {
        return differingPixels(other) <= rgb.length / 200;
    }

    /** How many pixels differ from {@code other}'s (all of them when the sizes differ). */
    int differingPixels(Screen other) {
        if (width != other.width || height != other.height) {
            return Math.max(rgb.length, other.rgb.length);
        }
        int differing = 0;
        for (int i = 0; i < rgb.length; i++) {
            if (rgb[i] != other.rgb[i]) {
                differing++;
            }
        }
        return differing;
    }

    void savePng(Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static String token(InputStream in) throws IOException {
        StringBuilder token = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '#') {
                while (c != -1 && c != '\n') {
                    c = in.read();
                }
            } else if (Character.isWhitespace(c)) {
                if (token.length() > 0) {
                    return token.toString();
                }
            } else {
                token.append((char) c);
            }
        }
        throw new IOException("unexpected end of PPM header");
    }
}
