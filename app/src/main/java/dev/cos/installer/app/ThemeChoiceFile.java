package dev.cos.installer.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person's theme choice (the "Dark theme" toggle), kept across starts in one word ("light" or
 * "dark") in {@code $XDG_CONFIG_HOME/cos-installer/theme}, else {@code ~/.config/cos-installer/theme}.
 * File I/O: not on the FX thread. A missing or unreadable file is "no choice"; a failed save is logged.
 */
public record ThemeChoiceFile(Path file) {

    private static final Logger LOG = LoggerFactory.getLogger(ThemeChoiceFile.class);

    /** The file for this user (XDG base directory spec: a relative XDG_CONFIG_HOME is ignored). */
    public static ThemeChoiceFile of(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return new ThemeChoiceFile(base.resolve("cos-installer").resolve("theme"));
    }

    public Optional<Theme> read() {
        try {
            return Files.isRegularFile(file) ? Theme.parse(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            LOG.debug("cannot read the saved theme {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** @return whether it was saved */
    public boolean save(Theme theme) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, theme.word() + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            LOG.warn("cannot save the theme choice to {}: {}", file, e.getMessage());
            return false;
        }
    }
}
