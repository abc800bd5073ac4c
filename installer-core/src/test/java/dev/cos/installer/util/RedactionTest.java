package dev.cos.installer.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://user:secret@host/os.tar.gz | https://user:***@host/os.tar.gz",
        "https://host/os.tar.gz?token=abc | https://host/os.tar.gz?token=***",
        "https://host/os.tar?token=abc&X-Amz-Signature=f00&v=1 | https://host/os.tar?token=***&X-Amz-Signature=***&v=***",
        "https://al:pw@host:8443/a?t=1#sha256=ab12 | https://al:***@host:8443/a?t=***#sha256=ab12",
        "https://host/os.tar?opaque | https://host/os.tar?***",
        "https://user@host/os.tar | https://user@host/os.tar",
        "https://host/os.tar#sha256=ab12 | https://host/os.tar#sha256=ab12",
        "dir:///srv/tree | dir:///srv/tree",
        "run: [curl, https://u:p@h/x?k=v] | run: [curl, https://u:***@h/x?k=***]",
        "downloading 'https://h/x?sig=1' failed: 403 | downloading 'https://h/x?sig=***' failed: 403",
        "grub-editenv set a=b c=d | grub-editenv set a=b c=d",
    })
    void masksPasswordsAndQueryValuesOfEveryUrl(String text, String expected) {
        assertEquals(expected, Redaction.redact(text));
    }
}
