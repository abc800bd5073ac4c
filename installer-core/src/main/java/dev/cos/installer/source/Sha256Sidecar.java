package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a published {@code <url>.sha256}, as sha256sum writes it: {@code <64 hex>  name} or
 * the digest alone. Only {@link #MAX_BYTES} are read: a digest line needs far fewer, and a larger
 * body (an HTML page, the image itself by mistake) is refused rather than read into memory.
 */
final class Sha256Sidecar {

    /** A digest line with a long file name fits many times over. */
    static final int MAX_BYTES = 4096;

    private static final Pattern LINE = Pattern.compile("\\A\\s*([0-9a-fA-F]{64})(\\s.*)?\\z", Pattern.DOTALL);

    private Sha256Sidecar() {}

    /**
     * The lower-case digest of {@code body}.
     *
     * @param uri where the body came from, for the message
     * @throws InstallerException {@link ErrorCode#SOURCE} when the body is no digest line
     */
    static String parse(String body, String uri) {
        Matcher m = LINE.matcher(body);
        if (!m.matches()) {
            throw new InstallerException(ErrorCode.SOURCE, "the digest file " + uri + " does not start with a sha256 digest"
                    + " (64 hex digits, as sha256sum writes it): fix or remove it, or give #sha256=<hex> in the URL");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    /** The refusal of a body longer than {@link #MAX_BYTES}. */
    static InstallerException tooLarge(String uri, Optional<Long> announcedBytes) {
        return new InstallerException(ErrorCode.SOURCE, "the digest file " + uri + " is larger than " + MAX_BYTES + " bytes"
                + announcedBytes.map(b -> " (" + b + " bytes)").orElse("") + ": it should hold one line, the sha256 digest"
                + " and the file name as sha256sum writes them; fix it on the server, or give #sha256=<hex> in the URL");
    }
}
