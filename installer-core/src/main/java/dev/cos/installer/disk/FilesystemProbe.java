package dev.cos.installer.disk;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code blkid -p -o export DEVICE} found on a device: filesystem type and label, empty strings
 * when there is none. Parsing is pure.
 */
public record FilesystemProbe(String type, String label) {

    public static final FilesystemProbe NONE = new FilesystemProbe("", "");

    /** Parses the {@code KEY=value} lines; blkid prints nothing (exit 2) for a device with no filesystem. */
    public static FilesystemProbe parse(String export) {
        Map<String, String> values = values(export);
        return new FilesystemProbe(values.getOrDefault("TYPE", ""), values.getOrDefault("LABEL", ""));
    }

    /** The filesystem UUID in the same output (lower case), when there is one. */
    public static Optional<String> uuid(String export) {
        return Optional.ofNullable(values(export).get("UUID")).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> values(String export) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : export.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), unescape(line.substring(eq + 1).strip()));
            }
        }
        return values;
    }

    // -o export escapes shell specials with a backslash (e.g. "MY\ DISK").
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
