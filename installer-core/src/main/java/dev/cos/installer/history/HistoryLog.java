package dev.cos.installer.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.util.Redaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history file COS_STATE:/{@value #FILE_NAME}: one JSON object per line
 * ({@code {"time":..., "kind":..., detail...}}), only ever appended (O_APPEND, one write per line,
 * fsync of the file and, when it was created, of its directory). A crash in the middle of an append
 * leaves at most one torn last line, which {@link #parse} skips.
 */
public final class HistoryLog {

    public static final String FILE_NAME = "history.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryLog() {
    }

    /** The history file on a COS_STATE mounted at {@code stateMount}. */
    public static Path file(Path stateMount) {
        return stateMount.resolve(FILE_NAME);
    }

    /** Appends one event; throws InstallerException(STATE_FILE) when the file cannot be written. */
    public static void append(Path stateMount, HistoryEvent event) {
        Path file = file(stateMount);
        boolean created = !Files.exists(file);
        byte[] line = (render(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.STATE_FILE, "cannot append to the history " + file + ": " + FailureWords.describe(e));
        }
        if (created) {
            try (FileChannel dir = FileChannel.open(stateMount, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                throw new InstallerException(ErrorCode.STATE_FILE, "cannot sync " + stateMount + ": " + FailureWords.describe(e));
            }
        }
    }

    /** Every event of the file, oldest first; empty when there is no file. */
    public static List<HistoryEvent> read(Path stateMount) {
        Path file = file(stateMount);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.STATE_FILE, "cannot read the history " + file + ": " + FailureWords.describe(e));
        }
    }

    /** The raw bytes, for a reset that reformats COS_STATE and writes them back; empty when there is no file. */
    public static byte[] readBytes(Path stateMount) throws IOException {
        Path file = file(stateMount);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    }

    /** Parses the lines; a line that is not an object with a time and a kind (a torn append) is skipped. Pure. */
    public static List<HistoryEvent> parse(String text) {
        List<HistoryEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node == null || !node.isObject() || !node.path("time").isTextual() || !node.path("kind").isTextual()) {
                    continue;
                }
                Map<String, String> detail = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (!field.getKey().equals("time") && !field.getKey().equals("kind")) {
                        detail.put(field.getKey(), field.getValue().asText());
                    }
                }
                events.add(new HistoryEvent(OffsetDateTime.parse(node.path("time").asText()), node.path("kind").asText(),
                        detail));
            } catch (JsonProcessingException | DateTimeParseException e) {
                // a torn or foreign line: the others still count
            }
        }
        return events;
    }

    /** One line of JSON. Pure. */
    public static String render(HistoryEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", event.time().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        node.put("kind", event.kind());
        // A source URL's password and query values (tokens) stay out of the disk's records.
        event.detail().forEach((key, value) -> node.put(key, Redaction.redact(value)));
        return node.toString();
    }
}
