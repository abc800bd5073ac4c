package dev.cos.installer.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Tool output captured from real runs, under src/test/resources/fixtures/source. */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/source/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
