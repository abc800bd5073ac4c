package dev.cos.installer.app.testsupport;

import java.util.Locale;

/**
 * Switches the app's texts to the test-only second language (Esperanto,
 * src/test/resources/dev/cos/installer/app/messages_eo.properties: a few engine texts; every other key
 * falls back to English) until closed. Changes the JVM's default locale: for tests that run alone.
 */
public final class SecondLanguage implements AutoCloseable {

    public static final Locale LOCALE = new Locale("eo");

    private final Locale before;

    private SecondLanguage() {
        before = Locale.getDefault();
        Locale.setDefault(LOCALE);
    }

    public static SecondLanguage use() {
        return new SecondLanguage();
    }

    @Override
    public void close() {
        Locale.setDefault(before);
    }
}
