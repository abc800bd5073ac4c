package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image source on a web server: {@code http://} or {@code https://}, optionally with the digest
 * the download must have as the fragment {@code #sha256=<64 hex digits>} (docs/upgrade.md).
 *
 * @param url the address to download, without the fragment (this is what state.yaml records)
 * @param expectedSha256 lower-case hex, when the fragment gave one
 */
public record RemoteSource(URI url, Optional<String> expectedSha256) {

    private static final Pattern DIGEST_FRAGMENT = Pattern.compile("sha256=([0-9a-fA-F]{64})");

    public RemoteSource {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expectedSha256, "expectedSha256");
    }

    /** Whether {@code spec} names an http(s) source (case-insensitive scheme). */
    public static boolean isRemote(String spec) {
        String lower = spec.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * Parses an http(s) source.
     *
     * @throws InstallerException {@link ErrorCode#SOURCE} for a malformed URL, a URL with no host,
     *     credentials in the URL, or a fragment other than {@code sha256=<64 hex digits>}
     */
    public static RemoteSource parse(String spec) {
        String trimmed = spec.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw error("source " + trimmed + " is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw error("source " + trimmed + " names no host: write it as https://host/path/image");
        }
        if (uri.getRawUserInfo() != null) {
            // They would end up in logs and in state.yaml.
            throw error("source " + uri.getHost() + ": user names and passwords in the URL are not supported");
        }
        Optional<String> expected = Optional.empty();
        if (uri.getRawFragment() != null) {
            Matcher m = DIGEST_FRAGMENT.matcher(uri.getRawFragment());
            if (!m.matches()) {
                throw error("source " + trimmed + " has the fragment #" + uri.getRawFragment()
                        + ": the only fragment read is #sha256=<64 hex digits>, the digest the download must have");
            }
            expected = Optional.of(m.group(1).toLowerCase(Locale.ROOT));
        }
        try {
            URI withoutFragment = new URI(uri.getScheme().toLowerCase(Locale.ROOT), uri.getRawSchemeSpecificPart(), null);
            return new RemoteSource(URI.create(withoutFragment.toASCIIString()), expected);
        } catch (URISyntaxException e) {
            throw error("source " + trimmed + " is not a valid URL: " + e.getReason());
        }
    }

    /** Where a digest for this image may be published: the URL with {@code .sha256} appended. */
    public URI sidecar() {
        return URI.create(url.toASCIIString() + ".sha256");
    }

    /** The URL as state.yaml, logs and messages show it. */
    public String uri() {
        return url.toASCIIString();
    }

    private static InstallerException error(String message) {
        return new InstallerException(ErrorCode.SOURCE, message);
    }
}
