package dev.cos.installer.tools;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a GRUB environment block (1024 bytes: a {@code # GRUB Environment Block} header,
 * {@code key=value} lines, '#' padding). Pure. GRUB escapes '\' and newlines in values with a backslash.
 */
public final class GrubEnvBlock {

    public static final int SIZE_BYTES = 1024;
    public static final String HEADER = "# GRUB Environment Block";

    private GrubEnvBlock() {
    }

    /** The variables in file order; throws IllegalArgumentException when the header is missing. */
    public static Map<String, String> parse(byte[] block) {
        String text = new String(block, StandardCharsets.UTF_8);
        if (!text.startsWith(HEADER)) {
            throw new IllegalArgumentException("not a GRUB environment block (no '" + HEADER + "' header)");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                variables.put(line.substring(0, eq), line.substring(eq + 1).replace("\\\\", "\\"));
            }
        }
        return variables;
    }
}
