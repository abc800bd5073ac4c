package dev.cos.installer.styles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of the module's style sheets as text, read from the class path as the app reads it. */
record Sheet(String name, String text) {

    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("(-[a-z][a-z0-9-]*)\\s*:\\s*([^;{}]+);");

    static Sheet load(String name) {
        try (InputStream in = Sheet.class.getResourceAsStream("/dev/cos/installer/styles/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path under /dev/cos/installer/styles/");
            }
            return new Sheet(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with comments removed. */
    String code() {
        return COMMENT.matcher(text).replaceAll(" ");
    }

    /** Every declaration's value, trimmed, in order (one per rule: the same property may appear often). */
    List<String> values() {
        List<String> out = new ArrayList<>();
        Matcher m = DECLARATION.matcher(code());
        while (m.find()) {
            out.add(m.group(1) + ": " + m.group(2).strip());
        }
        return out;
    }

    /** The {@code -name: value;} declarations by name (a later one wins), values trimmed. */
    Map<String, String> declarations() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(code());
        while (m.find()) {
            out.put(m.group(1), m.group(2).strip());
        }
        return out;
    }

    /** The value of a looked-up colour, following references to other variables; must be an opaque #rrggbb. */
    Rgb colour(String variable) {
        Map<String, String> vars = declarations();
        String value = vars.get(variable);
        for (int hops = 0; value != null && value.startsWith("-") && hops < 10; hops++) {
            value = vars.get(value);
        }
        if (value == null) {
            throw new AssertionError(name + " does not define " + variable);
        }
        return Rgb.parse(value);
    }
}
