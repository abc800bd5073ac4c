package dev.cos.installer.app.widgets;

import dev.cos.installer.api.ContainerImage;
import dev.cos.installer.app.Messages;
import dev.cos.installer.model.ByteSize;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A container image as a person reads it (image page, summary, tray): the engine's
 * {@link ContainerImage} in words. Pure; the full digest stays available beside its short form.
 *
 * @param reference the reference the install uses (tag and digest)
 * @param tag the tag the digest was found under, "" when none
 * @param digest the pinned digest in full, {@code sha256:<64 hex>}
 * @param shortDigest {@code sha256:<12 hex>…}
 * @param compressed the size a pull transfers, in words
 * @param created the creation time in words ({@code 2026-11-20 14:03 UTC}), "unknown" when the image has none
 * @param labels the {@code org.opencontainers.image.*} labels, "name: value" lines, without the prefix
 * @param signature "Signed by key sha256:…" or "Not checked (...)"
 */
public record ContainerFacts(String reference, String tag, String digest, String shortDigest, String compressed,
        String created, List<String> labels, String signature) {

    static final String OCI_LABELS = "org.opencontainers.image.";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    public ContainerFacts {
        labels = List.copyOf(labels);
    }

    public static ContainerFacts of(ContainerImage image) {
        return new ContainerFacts(image.reference(), image.tag(), image.digest(), shortDigest(image.digest()),
                ByteSize.ofBytes(image.compressedBytes()).human(), created(image.created()), ociLabels(image.labels()),
                ContainerImage.VERIFIED.equals(image.signature())
                        ? Messages.get("container.signature.verified", image.signedBy())
                        : Messages.get("container.signature.not-checked"));
    }

    /** {@code sha256:} and the first 12 hex digits, then an ellipsis; a digest of another form as it is. */
    public static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return colon > 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "\u2026" : digest;
    }

    /** The labels as lines, one per org.opencontainers.image.* label (sorted), the prefix dropped. */
    public String labelLines() {
        return labels.isEmpty() ? Messages.get("container.labels.none") : String.join("\n", labels);
    }

    private static List<String> ociLabels(Map<String, String> labels) {
        return labels.entrySet().stream().filter(e -> e.getKey().startsWith(OCI_LABELS))
                .map(e -> e.getKey().substring(OCI_LABELS.length()) + ": " + e.getValue()).toList();
    }

    private static String created(String rfc3339) {
        if (rfc3339.isBlank()) {
            return Messages.get("image.unknown");
        }
        try {
            return OffsetDateTime.parse(rfc3339).withOffsetSameInstant(ZoneOffset.UTC).format(SHOWN);
        } catch (DateTimeParseException e) {
            return rfc3339; // an engine's unusual spelling is still a date a person can read
        }
    }
}
