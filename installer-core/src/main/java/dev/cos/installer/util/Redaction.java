package dev.cos.installer.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text meant to be kept (log files, state.yaml, the history): in every URL, the
 * password of its user info ({@code https://user:secret@host} -> {@code https://user:***@host}) and the
 * values of its query ({@code ?token=abc} -> {@code ?token=***}; the names stay, they say what was
 * sent). A fragment stays: the installer's {@code #sha256=} is a digest, not a secret. Pure.
 */
public final class Redaction {

    /** What replaces a secret. */
    public static final String MASK = "***";

    /** A URL in running text: it does not end with the punctuation around it ("[url]", "url,", "url."). */
    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]*[^\\s\"'<>.,;:)\\]}]");
    private static final Pattern PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@");
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#]*)(=[^&#]*)?");

    private Redaction() {
    }

    /** {@code text} with every URL's password and query values masked; text without URLs comes back unchanged. */
    public static String redact(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher url = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (url.find()) {
            url.appendReplacement(out, Matcher.quoteReplacement(redactUrl(url.group())));
        }
        url.appendTail(out);
        return out.toString();
    }

    private static String redactUrl(String url) {
        String masked = PASSWORD.matcher(url).replaceFirst("$1:" + Matcher.quoteReplacement(MASK) + "@");
        int query = masked.indexOf('?');
        if (query < 0) {
            return masked;
        }
        int fragment = masked.indexOf('#', query);
        String end = fragment < 0 ? "" : masked.substring(fragment);
        String queryPart = masked.substring(query, fragment < 0 ? masked.length() : fragment);
        Matcher parameter = QUERY_VALUE.matcher(queryPart);
        StringBuilder out = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1);
            // "?secret" alone is a value without a name: mask it too.
            String replacement = parameter.group(2) != null ? name + "=" + MASK
                    : name.length() > 1 ? name.charAt(0) + MASK : name;
            parameter.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        parameter.appendTail(out);
        return masked.substring(0, query) + out + end;
    }
}
