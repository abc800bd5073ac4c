package dev.cos.installer.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the installer reads from an image's config blob (OCI or Docker; same fields): when it was
 * made, its labels (org.opencontainers.image.*) and its platform.
 */
public record ImageConfig(Optional<Instant> created, Map<String, String> labels, String os, String architecture,
        Optional<String> variant) {

    public ImageConfig {
        Objects.requireNonNull(created, "created");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
    }

    /** @throws dev.cos.installer.error.InstallerException SOURCE when it is not a config */
    public static ImageConfig parse(byte[] bytes, String what) {
        JsonNode node = OciJson.read(bytes, what);
        Optional<Instant> created = OciJson.optionalText(node, "created").flatMap(ImageConfig::instant);
        JsonNode config = node.get("config");
        Map<String, String> labels = config != null && config.isObject() ? OciJson.strings(config, "Labels") : Map.of();
        return new ImageConfig(created, labels, OciJson.optionalText(node, "os").orElse(""),
                OciJson.optionalText(node, "architecture").orElse(""), OciJson.optionalText(node, "variant"));
    }

    /** Its platform as an index would name it. */
    public Platform platform() {
        return new Platform(os, architecture, variant);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException again) {
                return Optional.empty();   // a date nobody can read is no reason to refuse the image
            }
        }
    }
}
