package dev.cos.installer.words;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text for a person as a stable code and its arguments ({@code step.unpack}, {"source": "..."}):
 * the GUI translates it from the code (app EngineWords); {@link #english()} is the engine's own text,
 * for the CLI and as the GUI's fallback. Made by {@link Words#with}.
 *
 * @param code the code of a {@link Words} entry
 * @param args the values of its template's placeholders, by name (sorted, for a stable JSON)
 */
public record Phrase(String code, Map<String, String> args) {

    public Phrase {
        args = Collections.unmodifiableMap(new TreeMap<>(args));
    }

    /** The English text: the code's template with its placeholders filled; the code itself when unknown. */
    public String english() {
        return Words.byCode(code).map(words -> words.fill(args)).orElse(code);
    }

    @Override
    public String toString() {
        return english();
    }
}
