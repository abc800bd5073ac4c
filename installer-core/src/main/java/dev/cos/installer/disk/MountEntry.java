package dev.cos.installer.disk;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/self/mountinfo}. Parsing is pure.
 *
 * @param majorMinor the device the filesystem is on ({@code "254:0"}; {@code "0:N"} for btrfs and
 *     virtual filesystems, which is why callers also compare {@code source})
 * @param source the mount source, e.g. {@code /dev/vda}, or {@code tmpfs}
 */
public record MountEntry(String majorMinor, String mountPoint, String fsType, String source) {

    /** Parses mountinfo in kernel order (later lines are mounted on top of earlier ones). */
    public static List<MountEntry> parseMountInfo(String mountInfo) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : mountInfo.split("\n")) {
            String[] fields = line.strip().split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 5 || separator + 2 >= fields.length) {
                continue;
            }
            entries.add(new MountEntry(fields[2], unescapeOctal(fields[4]), unescapeOctal(fields[separator + 1]),
                    unescapeOctal(fields[separator + 2])));
        }
        return entries;
    }

    /** The file names in {@code /proc/swaps} (devices such as {@code /dev/sda3}, or swap files). */
    public static List<String> parseSwaps(String procSwaps) {
        List<String> names = new ArrayList<>();
        for (String line : procSwaps.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty() && !name.equals("Filename")) {
                names.add(unescapeOctal(name));
            }
        }
        return names;
    }

    // The kernel writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
    static String unescapeOctal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && isOctal(text, i + 1)) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String text, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= text.length() || text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
