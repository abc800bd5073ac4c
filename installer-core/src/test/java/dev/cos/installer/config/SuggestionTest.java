package dev.cos.installer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionTest {

    private static final List<String> KEYS = List.of("target", "partitions", "part-table", "force", "no-format");

    @Test
    void typosFindTheirKey() {
        assertEquals(Optional.of("partitions"), Suggestion.closest("partitons", KEYS));
        assertEquals(Optional.of("partitions"), Suggestion.closest("partitoins", KEYS), "swapped letters count once");
        assertEquals(Optional.of("target"), Suggestion.closest("taget", KEYS));
        assertEquals(Optional.of("no-format"), Suggestion.closest("no_format", KEYS));
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertEquals(Optional.empty(), Suggestion.closest("reboot", KEYS));
        assertEquals("", Suggestion.hint("xyz", KEYS));
    }
}
