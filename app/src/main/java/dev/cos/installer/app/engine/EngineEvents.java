package dev.cos.installer.app.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parses one line of the engine's JSON progress stream. Pure. */
public final class EngineEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EngineEvents() {}

    /**
     * @return the event of a JSON line, or empty for a line that is not a JSON object (the protocol
     *     keeps stdout clean, but a wrapper such as pkexec may print its own text there)
     */
    public static Optional<EngineEvent> parse(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String type = node.path("event").asText("");
        return Optional.of(switch (type) {
            case "start" -> new EngineEvent.Started(node.path("verb").asText(""), strings(node.path("facts")));
            case "step-started" -> new EngineEvent.StepStarted(node.path("step").asText(""),
                    node.path("title").asText(""), node.path("code").asText(""), strings(node.path("args")),
                    node.path("index").asInt(0), node.path("total").asInt(0));
            case "progress" -> new EngineEvent.Progress(node.path("step").asText(""),
                    node.path("fraction").asDouble(0), node.path("stepFraction").asDouble(0),
                    node.path("bytesDone").asLong(0), node.path("bytesTotal").asLong(0));
            case "log" -> new EngineEvent.Log(node.path("level").asText("info"), node.path("message").asText(""));
            case "step-finished" -> new EngineEvent.StepFinished(node.path("step").asText(""), node.path("millis").asLong(0));
            case "result" -> new EngineEvent.Succeeded(node.path("millis").asLong(0), strings(node.path("summary")));
            case "error" -> new EngineEvent.Failed(node.path("code").asText("INTERNAL"), node.path("exitCode").asInt(1),
                    text(node, "step"), text(node, "stepTitle"), node.path("message").asText(""),
                    details(node.path("details")), text(node, "log"), node.path("stepCode").asText(""),
                    strings(node.path("stepArgs")));
            default -> new EngineEvent.Other(type);
        });
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    /** An object's fields as strings; nested objects keep their JSON text. */
    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            out.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
        }
        return out;
    }

    /** The error's details object as readable lines (command, exit code, output). */
    private static String details(JsonNode details) {
        if (details.isMissingNode() || details.isNull()) {
            return "";
        }
        if (details.isValueNode()) {
            return details.asText();
        }
        StringBuilder out = new StringBuilder();
        strings(details).forEach((key, value) -> out.append(key).append(": ").append(value).append('\n'));
        return out.toString().strip();
    }
}
