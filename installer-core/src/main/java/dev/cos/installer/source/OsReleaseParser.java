package dev.cos.installer.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses os-release(5): shell-style {@code KEY=value} lines, values unquoted, in single quotes
 * (literal) or double quotes (with backslash escapes); blank lines and {@code #} comments ignored;
 * lines that are not assignments are skipped, as the spec asks.
 */
public final class OsReleaseParser {

    private static final Pattern ASSIGNMENT = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private OsReleaseParser() {
    }

    public static OsRelease parse(String text) {
        Map<String, String> values = values(text);
        return new OsRelease(present(values.get("NAME")), present(values.get("VERSION_ID")),
                present(values.get("PRETTY_NAME")));
    }

    /** Every assignment in {@code text}, later ones winning. */
    static Map<String, String> values(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(stripped);
            if (m.matches()) {
                values.put(m.group(1), unquote(m.group(2).strip()));
            }
        }
        return values;
    }

    private static String unquote(String raw) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            return end < 0 ? raw.substring(1) : raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < raw.length() && "\"\\$`".indexOf(raw.charAt(i + 1)) >= 0) {
                    c = raw.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        // Unquoted: a shell would end the word at whitespace before a comment.
        int comment = raw.indexOf(" #");
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }

    private static Optional<String> present(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
