package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteSourceTest {

    @Test
    void httpAndHttpsAreRemoteWhateverTheCase() {
        assertTrue(RemoteSource.isRemote("http://host/a.img"));
        assertTrue(RemoteSource.isRemote(" HTTPS://host/a.img"));
        assertFalse(RemoteSource.isRemote("/srv/http://x"));
        assertFalse(RemoteSource.isRemote("file:///srv/a.img"));
    }

    @Test
    void theDigestFragmentIsReadAndLeftOutOfTheRecordedUri() {
        String hex = "AB".repeat(32);
        RemoteSource source = RemoteSource.parse("https://example.org/cos/v2.squashfs#sha256=" + hex);
        assertEquals("https://example.org/cos/v2.squashfs", source.uri());
        assertEquals(Optional.of(hex.toLowerCase()), source.expectedSha256());
        assertEquals("https://example.org/cos/v2.squashfs.sha256", source.sidecar().toString());
    }

    @Test
    void withoutAFragmentThereIsNoExpectedDigest() {
        assertEquals(Optional.empty(), RemoteSource.parse("http://10.0.0.1:8080/a.tar.gz?x=1").expectedSha256());
        assertEquals("http://10.0.0.1:8080/a.tar.gz?x=1", RemoteSource.parse("http://10.0.0.1:8080/a.tar.gz?x=1").uri());
    }

    @Test
    void badUrlsAreRefusedAsSourceErrors() {
        for (String bad : new String[] {"http:///no-host", "https://host/a#md5=abc", "https://host/a#sha256=abc",
                "https://user:secret@host/a", "http://host/a b"}) {
            InstallerException e = assertThrows(InstallerException.class, () -> RemoteSource.parse(bad), bad);
            assertEquals(ErrorCode.SOURCE, e.code(), bad);
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }
}
