package dev.cos.installer.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A GPT partition entry as {@code sfdisk -J DISK} reports it: the GPT name and the type GUID
 * (upper case), empty strings when not set. Parsing is pure.
 */
public record GptEntry(String node, String name, String typeGuid) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @return the GPT entries by device node ({@code /dev/loop0p1}); empty for a table that is not GPT
     * @throws IllegalArgumentException when the text is not sfdisk JSON
     */
    public static Map<String, GptEntry> parseSfdisk(String json) {
        JsonNode table;
        try {
            JsonNode root = JSON.readTree(json);
            table = root == null ? null : root.get("partitiontable");
        } catch (IOException e) {
            throw new IllegalArgumentException("sfdisk printed something that is not JSON: " + e.getMessage(), e);
        }
        if (table == null) {
            throw new IllegalArgumentException("sfdisk JSON has no \"partitiontable\"");
        }
        Map<String, GptEntry> entries = new LinkedHashMap<>();
        // An MBR ("dos") table has type codes such as "83" and no names: nothing GPT to report.
        if (!"gpt".equals(table.path("label").asText()) || !table.path("partitions").isArray()) {
            return entries;
        }
        for (JsonNode partition : table.get("partitions")) {
            String node = partition.path("node").asText("");
            entries.put(node, new GptEntry(node, partition.path("name").asText(""),
                    partition.path("type").asText("").toUpperCase(Locale.ROOT)));
        }
        return entries;
    }
}
