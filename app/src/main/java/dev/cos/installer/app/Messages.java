package dev.cos.installer.app;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The app's texts: {@code dev/cos/installer/app/messages.properties} (English, complete) and its
 * translations ({@code messages_de.properties}, ...), picked by the default locale.
 */
public final class Messages {

    private static final String BUNDLE = "dev.cos.installer.app.messages";

    private Messages() {}

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
    }

    /** The text of {@code key}, with {@code args} put in its {0}, {1}... placeholders. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            // A missing text is a bug a test catches (MessagesTest); show the key rather than crash.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
