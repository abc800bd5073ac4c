package dev.cos.installer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/progress-protocol.md's table of events says what the records are: every event type and every
 * field it names exists in {@link Event}, and every event record and field is in the table.
 * docs/engine-session.md names the line that carries them.
 */
class ProtocolDocsTest {

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    /** The event types of the records and their JSON fields (without {@code event}, {@code time}). */
    private static Map<String, Set<String>> records() {
        Map<String, Set<String>> types = new TreeMap<>();
        for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
            Set<String> fields = new TreeSet<>();
            for (BeanPropertyDefinition property : Json.mapper().getSerializationConfig()
                    .introspect(Json.mapper().constructType(type.value())).findProperties()) {
                fields.add(property.getName());
            }
            fields.remove("time");
            types.put(type.value().getAnnotation(JsonTypeName.class).value(), fields);
        }
        return types;
    }

    /** The event table of the doc: type -> fields named in its rows (nested keys in {...} left out). */
    private static Map<String, Set<String>> documented() throws IOException {
        Map<String, Set<String>> types = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/progress-protocol.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !cells[1].strip().startsWith("`")) {
                continue;
            }
            Matcher type = CODE.matcher(cells[1]);
            assertTrue(type.find(), line);
            Set<String> fields = types.computeIfAbsent(type.group(1), t -> new TreeSet<>());
            String named = cells[1].substring(type.end()) + " " + withoutBraces(cells[3]);
            for (Matcher field = CODE.matcher(named); field.find();) {
                String name = field.group(1).split("[: ]")[0];
                if (name.matches("[a-zA-Z]+")) {
                    fields.add(name);
                }
            }
        }
        return types;
    }

    private static String withoutBraces(String text) {
        String previous;
        do {
            previous = text;
            text = text.replaceAll("\\{[^{}]*\\}", "");
        } while (!text.equals(previous));
        return text;
    }

    @Test
    void theEventTableNamesEveryEventAndFieldOfTheRecordsAndNoOther() throws IOException {
        assertEquals(records(), documented());
    }

    @Test
    void theSessionDocNamesTheEventLine() throws IOException {
        String session = Files.readString(Path.of("../docs/engine-session.md"));
        assertTrue(session.contains("{\"event\":{"), "docs/engine-session.md shows the {\"event\":{...}} line");
        for (String line : new String[] {"{\"out\":", "{\"err\":", "{\"exit\":", "{\"ready\":true", "{\"end\":"}) {
            assertTrue(session.contains(line), line);
        }
    }
}
