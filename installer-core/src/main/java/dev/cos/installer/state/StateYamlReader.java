package dev.cos.installer.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.PartitionRole;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads state.yaml (spec section 6). Pure. Older files lack labels (and upgrades failed on that):
 * missing labels, file systems and dates are filled in with the defaults; a file that is not YAML,
 * or has no {@code state} map, is refused with {@link ErrorCode#STATE_FILE}.
 */
public final class StateYamlReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<PartitionRole> OTHER_PARTITIONS = List.of(PartitionRole.OEM, PartitionRole.PERSISTENT,
            PartitionRole.EFI);

    private StateYamlReader() {
    }

    /**
     * @param where the file's place for messages, e.g. "COS_STATE:/state.yaml"
     * @throws InstallerException STATE_FILE when the text is not a state.yaml
     */
    public static InstallState parse(String text, String where) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw unreadable(where, "it is not valid YAML (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw unreadable(where, "it holds no YAML map");
        }
        JsonNode state = root.path("state");
        if (!state.isObject()) {
            throw unreadable(where, "it has no 'state' map");
        }
        JsonNode recovery = root.path("recovery");
        ImageRecord active = image(state.path("active"), Optional.of("COS_ACTIVE"), "ext2");
        ImageRecord passive = image(state.path("passive"), Optional.of("COS_PASSIVE"), "ext2");
        JsonNode recoveryImage = recovery.path("recovery");
        String recoveryFs = text(recoveryImage.path("fs")).orElse("squashfs");
        ImageRecord recoveryRecord = image(recoveryImage,
                recoveryFs.equals("squashfs") ? Optional.empty() : Optional.of("COS_SYSTEM"), recoveryFs);
        Map<String, String> others = new LinkedHashMap<>();
        for (PartitionRole role : OTHER_PARTITIONS) {
            Optional<String> label = text(root.path(role.gptName()).path("label"));
            if (label.isPresent() || role != PartitionRole.EFI) {
                others.put(role.gptName(), label.orElse(role.defaultLabel().orElseThrow()));
            }
        }
        return new InstallState(date(root.path("date"), where),
                text(state.path("label")).orElse(PartitionRole.STATE.defaultLabel().orElseThrow()), active, passive,
                text(recovery.path("label")).orElse(PartitionRole.RECOVERY.defaultLabel().orElseThrow()),
                recoveryRecord, others);
    }

    private static ImageRecord image(JsonNode node, Optional<String> defaultLabel, String defaultFs) {
        JsonNode metadata = node.path("source-metadata");
        return new ImageRecord(text(node.path("source")).orElse(""), text(metadata.path("digest")).orElse(""),
                metadata.path("size").asLong(0), text(node.path("label")).or(() -> defaultLabel),
                text(node.path("fs")).orElse(defaultFs), text(metadata.path("tag")));
    }

    private static OffsetDateTime date(JsonNode node, String where) {
        Optional<String> value = text(node);
        if (value.isEmpty()) {
            return OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(value.get());
        } catch (DateTimeParseException e) {
            throw unreadable(where, "its date '" + value.get() + "' is not an RFC 3339 time");
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static InstallerException unreadable(String where, String why) {
        return new InstallerException(ErrorCode.STATE_FILE, "cannot read " + where + ": " + why
                + ". Restore it from the other copy (COS_STATE and COS_RECOVERY both hold one), or reinstall");
    }
}
