package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.DemoImage;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.upgrade.UpgradeFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's two commands: packaging/demo-image/demo-registry.sh starts a registry with the demo image,
 * then an install from it (plain http, named insecure). The registry's own storage tells the digest.
 */
class DemoRegistryIT {

    @TempDir
    Path temp;

    @Test
    void theDemoRegistryServesAnImageTheInstallerInstallsPinned() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = temp.resolve("registry");
        Path script = DemoImage.script().resolveSibling("demo-registry.sh");
        String host = "127.0.0.1:" + port;
        try {
            List<String> out = Tools.run(script.toString(), "--port", String.valueOf(port), "--dir", dir.toString())
                    .strip().lines().toList();
            assertEquals("oci:" + host + "/cos/demo:1.0", out.get(out.size() - 1));

            UpgradeFixture fx = new UpgradeFixture(temp);
            Cli.Result result = Cli.run("install", "--target", fx.image.toString(), "--size", "8G", "--source",
                    "oci:" + host + "/cos/demo:1.0", "--insecure-registry", host, "--yes");

            assertEquals(0, result.exitCode(), result::toString);
            String digest = Files.readString(dir.resolve("storage/docker/registry/v2/repositories/cos/demo/_manifests/tags/1.0"
                    + "/current/link")).strip();
            JsonNode active = fx.state("state").at("/state/active");
            assertEquals("oci:" + host + "/cos/demo@" + digest, active.path("source").asText(), active::toString);
            assertEquals("1.0", active.at("/source-metadata/tag").asText());
            assertEquals("1.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertTrue(UpgradeFixture.squashfsVersion(fx.dump("recovery", "recovery.squashfs")).equals("1.0"));
            fx.assertNothingLeftAttached();
        } finally {
            Path pid = dir.resolve("registry.pid");
            if (Files.isRegularFile(pid)) {
                Tools.execute("kill", Files.readString(pid).strip());
            }
        }
    }
}
