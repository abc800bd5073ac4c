package dev.cos.installer.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table of engine texts: each code has one English template whose placeholders are exactly the
 * arguments its makers give, so the GUI's translation of a code can name the same arguments.
 */
class WordsTest {

    private static final Pattern CODE = Pattern.compile("(step|finding|action)\\.[a-z0-9-]+(\\.[a-z0-9-]+)?");
    private static final Pattern WITH_CALL = Pattern.compile("Words\\.([A-Z0-9_]+)\\.with\\(");
    private static final Pattern WITH_REFERENCE = Pattern.compile("Words\\.([A-Z0-9_]+)::with");

    @Test
    void everyCodeIsUniqueAndWellFormed() {
        List<String> codes = Arrays.stream(Words.values()).map(Words::code).toList();

        assertEquals(codes.size(), new HashSet<>(codes).size(), "codes are unique: " + codes);
        codes.forEach(code -> assertTrue(CODE.matcher(code).matches(), code));
    }

    @Test
    void everyTemplatesPlaceholdersAreItsParameters() {
        for (Words words : Words.values()) {
            Set<String> placeholders = new HashSet<>();
            Matcher placeholder = Words.PLACEHOLDER.matcher(words.english());
            while (placeholder.find()) {
                placeholders.add(placeholder.group(1));
            }
            assertEquals(Set.copyOf(words.parameters()), placeholders, words.code());
            assertEquals(words.parameters().size(), new HashSet<>(words.parameters()).size(), words.code());
        }
    }

    @Test
    void aPhraseReadsAsItsTemplateWithTheArgumentsFilledIn() {
        Phrase phrase = Words.FINDING_IMAGE_ACTIVE.with("COS_STATE:/cOS/active.img", "missing");

        assertEquals("finding.image.active", phrase.code());
        assertEquals(Map.of("file", "COS_STATE:/cOS/active.img", "result", "missing"), phrase.args());
        assertEquals("COS_STATE:/cOS/active.img is missing: the system falls back to passive; roll back"
                + " (rollback --swap) or reset from recovery", phrase.english());
        for (Words words : Words.values()) {
            String english = words.with(words.parameters().stream().map(p -> "x").toArray()).english();
            assertFalse(Words.PLACEHOLDER.matcher(english).find(), words.code() + ": " + english);
        }
    }

    @Test
    void argumentsThatAreNotTheParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Words.STEP_UNPACK.with());
        assertThrows(IllegalArgumentException.class, () -> Words.STEP_SYNC.with("extra"));
    }

    /** The makers in the sources: each {@code Words.X.with(...)} gives as many values as X has parameters. */
    @Test
    void everyMakerGivesTheArgumentsItsTemplateNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> used = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher call = WITH_CALL.matcher(text);
                while (call.find()) {
                    Words words = Words.valueOf(call.group(1));
                    used.add(words.name());
                    int given = argumentCount(text, call.end());
                    if (given != words.parameters().size()) {
                        wrong.add(source.getFileName() + ": " + words.name() + " given " + given + ", names "
                                + words.parameters());
                    }
                }
                Matcher reference = WITH_REFERENCE.matcher(text);
                while (reference.find()) {
                    // Used as a Function of one value (Optional.map).
                    used.add(reference.group(1));
                    if (Words.valueOf(reference.group(1)).parameters().size() != 1) {
                        wrong.add(source.getFileName() + ": " + reference.group(1) + "::with takes one value");
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        Set<String> unused = Arrays.stream(Words.values()).map(Words::name).filter(n -> !used.contains(n))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), unused, "every code has a maker (a code nobody makes is a translation nobody reads)");
    }

    /** Top-level commas between the parenthesis opened before {@code from} and its closing one. */
    private static int argumentCount(String text, int from) {
        int depth = 0;
        int commas = 0;
        boolean any = false;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                any = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                any = true;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return any ? commas + 1 : 0;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            } else if (!Character.isWhitespace(c)) {
                any = true;
            }
        }
        throw new IllegalStateException("unclosed call");
    }
}
