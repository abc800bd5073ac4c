package dev.cos.installer.styles;

/** An opaque sRGB colour and the WCAG 2.x relative luminance and contrast ratio. */
record Rgb(int red, int green, int blue) {

    static final Rgb WHITE = new Rgb(255, 255, 255);

    /** @param hex {@code #rgb} or {@code #rrggbb} (an alpha channel is refused: contrast needs an opaque colour) */
    static Rgb parse(String hex) {
        String h = hex.strip();
        if (!h.matches("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("not an opaque #rgb/#rrggbb colour: " + hex);
        }
        if (h.length() == 4) {
            h = "#" + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2) + h.charAt(3) + h.charAt(3);
        }
        int v = Integer.parseInt(h.substring(1), 16);
        return new Rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
    }

    double luminance() {
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue);
    }

    /** WCAG contrast ratio, 1 (none) to 21 (black on white); symmetric. */
    double contrastWith(Rgb other) {
        double a = luminance();
        double b = other.luminance();
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
