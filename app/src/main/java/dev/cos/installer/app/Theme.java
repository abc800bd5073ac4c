package dev.cos.installer.app;

import java.util.Locale;
import java.util.Optional;

/** The two themes: each is one sheet of looked-up colours in the styles module. */
public enum Theme {
    LIGHT("theme-light.css"),
    DARK("theme-dark.css");

    private final String sheet;

    Theme(String sheet) {
        this.sheet = sheet;
    }

    /** The file name under {@code /dev/cos/installer/styles/}. */
    public String sheet() {
        return sheet;
    }

    /** The other one. */
    public Theme opposite() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** "light" or "dark" (any case, blanks around ignored); anything else is empty. */
    public static Optional<Theme> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "light" -> Optional.of(LIGHT);
            case "dark" -> Optional.of(DARK);
            default -> Optional.empty();
        };
    }

    /** The word {@link #parse} reads back. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
