package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.words.Words;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text code the engine sends has a key in the app's bundle, so a new code cannot ship
 * untranslated; and a translation names only the arguments the engine gives for its code.
 */
class EngineWordsTest {

    private static final Path BUNDLES = Path.of("src/main/resources/dev/cos/installer/app");

    @Test
    void everyEngineCodeHasAKeyInTheEnglishBundle() throws IOException {
        Properties english = load(BUNDLES.resolve("messages.properties"));
        List<String> missing = new ArrayList<>();
        for (Words words : Words.values()) {
            if (!english.containsKey(EngineWords.KEY_PREFIX + words.code())) {
                missing.add(EngineWords.KEY_PREFIX + words.code() + "=" + words.english());
            }
        }
        assertEquals(List.of(), missing, "add these lines to messages.properties");
    }

    @Test
    void everyTranslationNamesOnlyTheArgumentsTheEngineGives() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("messages(_.+)?\\.properties")).toList()) {
                Properties bundle = load(file);
                for (String key : bundle.stringPropertyNames()) {
                    if (!key.startsWith(EngineWords.KEY_PREFIX)) {
                        continue;
                    }
                    String code = key.substring(EngineWords.KEY_PREFIX.length());
                    Set<String> given = Words.byCode(code).map(w -> Set.copyOf(w.parameters())).orElse(null);
                    if (given == null) {
                        wrong.add(file.getFileName() + ": " + key + " is no engine code");
                        continue;
                    }
                    Set<String> named = new HashSet<>();
                    Matcher placeholder = Words.PLACEHOLDER.matcher(bundle.getProperty(key));
                    while (placeholder.find()) {
                        named.add(placeholder.group(1));
                    }
                    if (!given.containsAll(named)) {
                        wrong.add(file.getFileName() + ": " + key + " names " + named + ", the engine gives " + given);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theEnglishOfTheEngineIsShownWhenTheBundleCannotSayIt() {
        ResourceBundle bundle = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"engine.step.unpack", "Auspacken von {source}"},
                        {"engine.step.verify", "Prüfen von {quelle}"}};
            }
        };
        assertEquals("Auspacken von oci:cos:2.0", EngineWords.text(bundle, "step.unpack", Map.of("source", "oci:cos:2.0"),
                "Unpacking oci:cos:2.0"));
        assertEquals("Flushing data to disk", EngineWords.text(bundle, "step.sync", Map.of(), "Flushing data to disk"),
                "no key");
        assertEquals("Verifying x", EngineWords.text(bundle, "step.verify", Map.of("source", "x"), "Verifying x"),
                "the text names an argument the engine did not give");
        assertEquals("Unpacking x", EngineWords.text(bundle, "", Map.of(), "Unpacking x"), "an engine without codes");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        // Java reads properties bundles as UTF-8 (JEP 226).
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }
}
