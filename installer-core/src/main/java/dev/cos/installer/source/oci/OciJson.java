package dev.cos.installer.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the JSON documents of an image (manifest, index, config) field by field, with messages that name the document. */
final class OciJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciJson() {
    }

    static JsonNode read(byte[] bytes, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw invalid(what, "is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.SOURCE, what + " is not valid JSON (" + FailureWords.describe(e)
                    + "): the image is damaged or not an OCI/Docker image", e.toString(), e);
        }
    }

    static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(what, "has no '" + field + "'");
        }
        return value.asText();
    }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static Map<String, String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null && value.isObject()) {
            value.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    static List<Descriptor> descriptors(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw invalid(what, "has no '" + field + "' list");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(descriptor(value.get(i), what + ", " + field + " entry " + (i + 1)));
        }
        return out;
    }

    static Descriptor descriptor(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw invalid(what, "is missing");
        }
        String mediaType = optionalText(node, "mediaType").orElse("");
        Digest digest = Digest.parse(text(node, "digest", what), what);
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw invalid(what, "has no valid 'size'");
        }
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.get("platform");
        if (p != null && p.isObject()) {
            platform = Optional.of(new Platform(optionalText(p, "os").orElse(""), optionalText(p, "architecture").orElse(""),
                    optionalText(p, "variant")));
        }
        return new Descriptor(mediaType, digest, size.asLong(), platform, strings(node, "annotations"));
    }

    static InstallerException invalid(String what, String problem) {
        return new InstallerException(ErrorCode.SOURCE, what + " " + problem + ": the image is damaged or not an OCI/Docker image");
    }
}
