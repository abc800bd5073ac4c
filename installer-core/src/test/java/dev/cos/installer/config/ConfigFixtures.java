package dev.cos.installer.config;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Paths of the YAML fixtures under src/test/resources/config/. */
final class ConfigFixtures {

    private ConfigFixtures() {}

    static Path fixture(String relative) {
        try {
            return Path.of(Objects.requireNonNull(ConfigFixtures.class.getResource("/config/" + relative), relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
