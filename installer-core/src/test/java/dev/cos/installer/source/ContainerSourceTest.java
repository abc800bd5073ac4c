package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Digest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerSourceTest {

    private static final Digest DIGEST = new Digest("ab".repeat(32));

    @ParameterizedTest
    @ValueSource(strings = {"oci:reg.example/cos:1", "docker:cos", "OCI-DIR:/srv/img", "oci-archive:/srv/img.tar"})
    void theFourKindsAreContainers(String spec) {
        assertTrue(ContainerSource.isContainer(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/oci-dir", "dir:///srv/img", "https://example.org/oci:1", "docker-archive:/x.tar"})
    void othersAreNot(String spec) {
        assertFalse(ContainerSource.isContainer(spec));
    }

    @Test
    void aRegistryImageIsRecordedByDigestAndHandedBackWithItsTag() {
        ContainerSource named = ContainerSource.parse("oci:127.0.0.1:5000/cos/system:1.0");
        ContainerSource pinned = named.pinned(DIGEST);

        assertEquals(Optional.of("1.0"), named.tagOrDigest());
        assertEquals("oci:127.0.0.1:5000/cos/system:1.0", named.uri());
        assertEquals("oci:127.0.0.1:5000/cos/system@" + DIGEST, pinned.uri());
        assertEquals("oci:127.0.0.1:5000/cos/system:1.0@" + DIGEST, pinned.reference());
        assertEquals(Optional.of(DIGEST.toString()), pinned.tagOrDigest(), "once pinned the store is asked for the digest");
        assertEquals(pinned, ContainerSource.parse(pinned.reference()), "the reference reads back as the same pinned image");
        assertEquals("registry 127.0.0.1:5000", pinned.where());
    }

    @Test
    void dockerHubNamesFollowDockersConventions() {
        assertEquals("oci:docker.io/library/alpine:3.20", ContainerSource.parse("docker:alpine:3.20").uri());
    }

    @Test
    void aLayoutDirectoryTakesAnOptionalTagAndDigest() {
        ContainerSource.Layout plain = (ContainerSource.Layout) ContainerSource.parse("oci-dir:/srv/images/cos");
        ContainerSource.Layout tagged = (ContainerSource.Layout) ContainerSource.parse("oci-dir:/srv/images/cos:2.0");
        ContainerSource.Layout pinned = (ContainerSource.Layout) ContainerSource.parse("oci-dir:/srv/images/cos:2.0@" + DIGEST);

        assertEquals(new ContainerSource.Layout(ContainerSource.LayoutKind.DIRECTORY, Path.of("/srv/images/cos"),
                Optional.empty(), Optional.empty()), plain);
        assertEquals(Optional.empty(), plain.tagOrDigest(), "the layout's only image");
        assertEquals(Optional.of("2.0"), tagged.tag());
        assertEquals(Optional.of(DIGEST), pinned.digest());
        assertEquals("oci-dir:/srv/images/cos@" + DIGEST, pinned.uri());
        assertEquals("oci-dir:/srv/images/cos:2.0@" + DIGEST, pinned.reference());
        assertEquals("OCI layout /srv/images/cos", pinned.where());
    }

    @Test
    void anArchiveMayHaveColonsInItsDirectoriesButNotItsTag() {
        ContainerSource.Layout archive = (ContainerSource.Layout) ContainerSource.parse("oci-archive:/srv/a:b/cos.tar:v1");

        assertEquals(Path.of("/srv/a:b/cos.tar"), archive.path());
        assertEquals(Optional.of("v1"), archive.tag());
        assertEquals("OCI archive /srv/a:b/cos.tar", archive.where());
    }

    @Test
    void aBadTagSaysTheFormExpected() {
        InstallerException e = assertThrows(InstallerException.class, () -> ContainerSource.parse("oci-dir:/srv/img:bad tag"));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("write it as oci-dir:/path/to/layout[:tag][@sha256:<digest>]"), e.getMessage());
    }

    @Test
    void aLayoutWithoutAPathIsRefused() {
        InstallerException e = assertThrows(InstallerException.class, () -> ContainerSource.parse("oci-archive:"));

        assertTrue(e.getMessage().contains("names no path"), e.getMessage());
    }
}
