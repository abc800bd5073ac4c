package dev.cos.installer.icons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The committed PNGs match the SVG sources: every SVG has every size (render-icons.sh), each PNG is
 * the size its name says, and none is blank. A failure here means: run icons/render-icons.sh.
 */
class RenderedIconsTest {

    private static final String RESOURCES = "/dev/cos/installer/icons/";
    private static final List<Integer> APP_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);
    private static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64);
    private static final Pattern PNG_NAME = Pattern.compile("(.+)-(\\d+)\\.png");

    @Test
    void everySvgHasEverySize() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : svgNames()) {
            for (int size : sizesOf(name)) {
                if (RenderedIconsTest.class.getResource(RESOURCES + name + "-" + size + ".png") == null) {
                    missing.add(name + "-" + size + ".png");
                }
            }
        }
        assertTrue(missing.isEmpty(), "not rendered (run icons/render-icons.sh): " + missing);
    }

    @Test
    void theIconsTheAppNeedsHaveSources() throws IOException {
        assertTrue(svgNames().containsAll(Set.of("cos-installer", "tray-ok", "tray-update", "tray-upgrading",
                "tray-restart", "tray-fallback", "disk-hdd", "disk-ssd", "disk-nvme", "disk-usb", "disk-sd",
                "disk-virtual", "disk-image-file")), "sources: " + svgNames());
    }

    @Test
    void everyPngHasTheSizeItsNameSaysAndIsNotBlank() throws IOException {
        List<Path> pngs = pngs();
        assertTrue(pngs.size() >= 13 * ICON_SIZES.size(), "PNGs found: " + pngs.size());
        List<String> wrong = new ArrayList<>();
        for (Path png : pngs) {
            Matcher m = PNG_NAME.matcher(png.getFileName().toString());
            if (!m.matches()) {
                wrong.add(png.getFileName() + ": name is not <icon>-<size>.png");
                continue;
            }
            int size = Integer.parseInt(m.group(2));
            BufferedImage image;
            try (InputStream in = Files.newInputStream(png)) {
                image = ImageIO.read(in);
            }
            if (image == null) {
                wrong.add(png.getFileName() + ": not a readable PNG");
                continue;
            }
            if (image.getWidth() != size || image.getHeight() != size) {
                wrong.add(png.getFileName() + ": " + image.getWidth() + "x" + image.getHeight());
            }
            double covered = opaqueShare(image);
            // An icon covers a good part of its square; almost nothing drawn means a broken render.
            if (covered < 0.15) {
                wrong.add(png.getFileName() + String.format(": only %.0f%% of pixels drawn", covered * 100));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noPngWithoutSource() throws IOException {
        Set<String> sources = svgNames();
        Set<String> orphans = new TreeSet<>();
        for (Path png : pngs()) {
            Matcher m = PNG_NAME.matcher(png.getFileName().toString());
            if (m.matches() && !sources.contains(m.group(1))) {
                orphans.add(png.getFileName().toString());
            }
        }
        assertTrue(orphans.isEmpty(), "PNGs whose SVG is gone: " + orphans);
    }

    @Test
    void theBlankCheckSeesAnEmptyImage() {
        BufferedImage empty = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        assertEquals(0.0, opaqueShare(empty));
        empty.setRGB(3, 3, 0xff000000);
        assertEquals(1.0 / 256, opaqueShare(empty));
    }

    /** The share of pixels with alpha above a quarter. */
    static double opaqueShare(BufferedImage image) {
        int drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) > 64) {
                    drawn++;
                }
            }
        }
        return (double) drawn / (image.getWidth() * image.getHeight());
    }

    private static List<Integer> sizesOf(String name) {
        return name.equals("cos-installer") ? APP_SIZES : ICON_SIZES;
    }

    private static Set<String> svgNames() throws IOException {
        String dir = System.getProperty("icons.svg.dir", "src/svg");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg"))
                    .map(n -> n.substring(0, n.length() - ".svg".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<Path> pngs() throws IOException {
        // Found through one known icon: the directory itself also exists in test-classes (this package).
        URL known = RenderedIconsTest.class.getResource(RESOURCES + "cos-installer-16.png");
        assertNotNull(known, "no icons on the class path");
        Path dir;
        try {
            dir = Path.of(known.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }
}
