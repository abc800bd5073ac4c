package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every literal text key the code asks for exists in the English bundle (a missing one shows as !key!); composed keys are checked by their pages' tests. */
class MessagesTest {

    private static final Pattern LITERAL_KEY = Pattern.compile("Messages\\.get\\(\"([a-z0-9.\\-]+)\"\\s*[,)]");

    @Test
    void everyKeyUsedInTheSourcesIsInTheBundle() throws IOException {
        ResourceBundle bundle = Messages.bundle();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher keys = LITERAL_KEY.matcher(Files.readString(source));
                while (keys.find()) {
                    if (!bundle.containsKey(keys.group(1))) {
                        missing.add(keys.group(1) + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
