package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest as OCI writes it, {@code sha256:<64 lower-case hex>}. Only sha256 is read: it is
 * what every registry and tool of the family writes, and an image that names another algorithm is
 * refused with that said rather than trusted unchecked.
 *
 * @param hex 64 lower-case hex digits
 */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    /**
     * Parses {@code sha256:<hex>}.
     *
     * @param where what the digest belongs to, for the message ("the manifest of ...", "layer 2 of ...")
     * @throws InstallerException SOURCE for another algorithm or a malformed digest
     */
    public static Digest parse(String text, String where) {
        String trimmed = text == null ? "" : text.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw new InstallerException(ErrorCode.SOURCE, where + " has the digest '" + trimmed
                    + "', which is not of the form sha256:<64 hex digits>");
        }
        String algorithm = trimmed.substring(0, colon);
        String value = trimmed.substring(colon + 1);
        if (!algorithm.equals("sha256")) {
            throw new InstallerException(ErrorCode.SOURCE, where + " uses the digest algorithm '" + algorithm
                    + "': only sha256 digests are read");
        }
        if (!HEX.matcher(value).matches()) {
            throw new InstallerException(ErrorCode.SOURCE, where + " has the digest '" + trimmed
                    + "', which is not of the form sha256:<64 lower-case hex digits>");
        }
        return new Digest(value);
    }

    /** The digest of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    /** A fresh SHA-256 digester. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, as people are shown a digest beside its full form. */
    public String shortForm() {
        return "sha256:" + hex.substring(0, 12);
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
