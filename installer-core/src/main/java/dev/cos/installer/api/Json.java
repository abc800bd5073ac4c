package dev.cos.installer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON mapping of the engine's contract: the CLI writes and the GUI reads every answer and
 * event through it. Field names are the records' component names (camelCase), one naming strategy for
 * every answer and event (JsonRoundTripTest checks that no record names its fields otherwise). Readers ignore unknown
 * fields: the engine only ever adds fields. Whole numbers read into untyped maps are {@code Long}, so
 * a summary map reads back equal to the one written.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private Json() {
    }

    /** The configured mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One line of JSON, no newline: a protocol event, a serve line. */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Indented JSON for a {@code --json} answer a person may also read, no trailing newline. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads an answer. */
    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }

    /**
     * The event on one line of a {@code --progress=json} stream; empty for a line that is not a JSON
     * object (a wrapper such as pkexec may print its own text on stdout).
     */
    public static java.util.Optional<Event> event(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(MAPPER.readValue(trimmed, Event.class));
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    /** A record (facts, summary) as the untyped map an event carries: what reading its JSON gives. */
    public static Map<String, Object> toMap(Object value) {
        return MAPPER.convertValue(value, MAP);
    }

    /** An event's map (facts, summary) as the record of its verb. */
    public static <T> T fromMap(Map<String, Object> map, Class<T> type) {
        return MAPPER.convertValue(map, type);
    }
}
