package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.Platform;
import dev.cos.installer.testsupport.registry.TestImages;
import dev.cos.installer.testsupport.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray's update check against a real registry (Debian's docker-registry, TLS from the test's CA,
 * images pushed by skopeo): a tag is resolved with a manifest HEAD and nothing else, and a tag moved
 * to another image answers that image's digest.
 */
class UpgradeCheckIT {

    @TempDir
    Path temp;

    private TestRegistry registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop();
        }
    }

    /** The registry's access-log lines for the repository, in order ("HEAD /v2/cos/system/manifests/1.1" ...). */
    private List<String> requests() throws IOException {
        return Files.readAllLines(registry.log()).stream().filter(line -> line.contains("/v2/cos/system/"))
                .map(line -> line.replaceAll(".*\"(GET|HEAD|PUT|POST|PATCH) (/v2/[^ ?\"]*).*", "$1 $2"))
                .filter(line -> line.matches("(GET|HEAD|PUT|POST|PATCH) /v2/.*")).toList();
    }

    @Test
    void aTagIsResolvedWithOneManifestHeadAndAMovedTagAnswersTheNewDigest() throws IOException {
        registry = TestRegistry.in(temp.resolve("registry")).start();
        registry.push(TestImages.oneLayer(temp.resolve("v1"), "1.1", "first"), "cos/system:1.1");
        ContainerSettings settings = new ContainerSettings(Platform.LINUX_AMD64, Optional.empty(),
                Optional.of(registry.caCertificate()), Set.of(), Map.of());
        ContainerSource source = ContainerSource.parse(registry.reference("cos/system:1.1"));
        OciContainerImages images = OciContainerImages.system(Map.of());
        int pushed = requests().size();

        Digest first = images.resolve(source, settings);

        assertEquals(registry.tagDigest("cos/system", "1.1"), first.toString(), "the digest skopeo's push left under the tag");
        assertEquals(List.of("HEAD /v2/cos/system/manifests/1.1"), requests().subList(pushed, requests().size()),
                "one manifest HEAD: no manifest body, no blob");

        registry.push(TestImages.oneLayer(temp.resolve("v2"), "1.1", "second"), "cos/system:1.1");
        Digest moved = images.resolve(source, settings);
        assertNotEquals(first, moved);
        assertEquals(registry.tagDigest("cos/system", "1.1"), moved.toString());

        Digest pinned = images.resolve(source.pinned(first), settings);
        assertEquals(first, pinned, "a source naming a digest is that digest, not the tag's");
        assertTrue(requests().stream().noneMatch(line -> line.contains("/blobs/") && line.startsWith("GET")),
                "no blob was downloaded: " + requests());
    }
}
