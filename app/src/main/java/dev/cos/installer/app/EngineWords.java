package dev.cos.installer.app;

import dev.cos.installer.words.Words;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The engine's texts in the GUI's language: a step title, a diagnosis finding or a repair action
 * title arrives as a code with named arguments beside the engine's English (docs/progress-protocol.md);
 * this turns the code into the text of key {@code engine.<code>} of the app's bundle, its
 * {@code {name}} placeholders filled from the arguments. The engine's English is the answer when
 * there is no code (an older engine), no key, or the text names an argument the engine did not give.
 * The placeholders are filled as the engine fills its own ({@link Words#fill}).
 * Named placeholders, not MessageFormat: these texts take no quoting of apostrophes.
 */
public final class EngineWords {

    /** The bundle key of an engine code. */
    public static final String KEY_PREFIX = "engine.";

    private EngineWords() {}

    /**
     * @param code the engine's code ("" when it sent none)
     * @param args the code's arguments by name
     * @param english the engine's own text, the fallback
     */
    public static String text(String code, Map<String, String> args, String english) {
        return text(Messages.bundle(), code, args, english);
    }

    static String text(ResourceBundle bundle, String code, Map<String, String> args, String english) {
        if (code == null || code.isBlank()) {
            return english;
        }
        String template;
        try {
            template = bundle.getString(KEY_PREFIX + code);
        } catch (MissingResourceException e) {
            return english;
        }
        return Words.fill(template, args).orElse(english);
    }
}
