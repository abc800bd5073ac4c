package dev.cos.installer.disk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.model.ByteSize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code lsblk -J -b -o }{@link #COLUMNS} output into a {@link BlockNode} tree. Pure. */
public final class LsblkParser {

    /** The columns the parser reads, in the order given to {@code lsblk -o}. */
    public static final String COLUMNS = "NAME,KNAME,PATH,TYPE,SIZE,MODEL,SERIAL,TRAN,RM,RO,LOG-SEC,MAJ:MIN,MOUNTPOINTS";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LsblkParser() {
    }

    /**
     * @return the top-level devices in lsblk's order, children attached
     * @throws IllegalArgumentException when the text is not lsblk JSON
     */
    public static List<BlockNode> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("lsblk printed something that is not JSON: " + e.getMessage(), e);
        }
        JsonNode devices = root == null ? null : root.get("blockdevices");
        if (devices == null || !devices.isArray()) {
            throw new IllegalArgumentException("lsblk JSON has no \"blockdevices\" list");
        }
        return nodes(devices);
    }

    private static List<BlockNode> nodes(JsonNode array) {
        List<BlockNode> nodes = new ArrayList<>();
        for (JsonNode device : array) {
            nodes.add(node(device));
        }
        return nodes;
    }

    private static BlockNode node(JsonNode device) {
        String name = text(device, "name");
        String kernelName = text(device, "kname");
        String path = text(device, "path");
        JsonNode children = device.get("children");
        return new BlockNode(
                name,
                kernelName.isEmpty() ? name : kernelName,
                path.isEmpty() ? "/dev/" + name : path,
                text(device, "type"),
                ByteSize.ofBytes(number(device, "size")),
                text(device, "model"),
                text(device, "serial"),
                text(device, "tran"),
                flag(device, "rm"),
                flag(device, "ro"),
                (int) number(device, "log-sec"),
                text(device, "maj:min"),
                mountpoints(device),
                children != null && children.isArray() ? nodes(children) : List.of());
    }

    private static List<String> mountpoints(JsonNode device) {
        List<String> points = new ArrayList<>();
        JsonNode list = device.get("mountpoints");
        if (list != null && list.isArray()) {
            // lsblk writes [null] for a device that is not mounted.
            list.forEach(p -> {
                if (p.isTextual() && !p.asText().isEmpty()) {
                    points.add(p.asText());
                }
            });
        }
        return points;
    }

    private static String text(JsonNode device, String field) {
        JsonNode value = device.get(field);
        return value == null || value.isNull() ? "" : value.asText().strip();
    }

    // Older util-linux prints numbers and flags as strings ("1", "0"); accept both forms.
    private static long number(JsonNode device, String field) {
        JsonNode value = device.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isNumber() ? value.asLong() : Long.parseLong(value.asText().strip());
    }

    private static boolean flag(JsonNode device, String field) {
        JsonNode value = device.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        return value.isBoolean() ? value.asBoolean() : value.asText().strip().equals("1");
    }
}
