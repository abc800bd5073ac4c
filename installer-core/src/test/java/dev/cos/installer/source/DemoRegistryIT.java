package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * README's two commands: packaging/demo-registry/start-demo-registry.sh starts a registry with the demo
 * image and prints a config file naming it, then an install with that config. The registry's own
 * storage tells the digest the tag had.
 */
class DemoRegistryIT {

    @TempDir
    Path temp;

    @Test
    void theDemoRegistrysConfigInstallsTheDemoImagePinned() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = temp.resolve("registry");
        String script = DemoImage.script().getParent().resolveSibling("demo-registry/start-demo-registry.sh").toString();
        String host = "127.0.0.1:" + port;
        try {
            List<String> out = Tools.run(script, "--port", String.valueOf(port), "--dir", dir.toString()).strip().lines().toList();
            Path config = Path.of(out.get(out.size() - 1));

            UpgradeFixture fx = new UpgradeFixture(temp);
            Cli.Result result = Cli.run("install", "--target", fx.image.toString(), "--size", "8G", "--config",
                    config.toString(), "--yes");

            assertEquals(0, result.exitCode(), result::toString);
            String digest = Files.readString(dir.resolve("storage/docker/registry/v2/repositories/cos/demo/_manifests/tags/1.0"
                    + "/current/link")).strip();
            JsonNode active = fx.state("state").at("/state/active");
            assertEquals("oci:" + host + "/cos/demo@" + digest, active.path("source").asText(), active::toString);
            assertEquals("1.0", active.at("/source-metadata/tag").asText());
            assertEquals("1.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertEquals("1.0", UpgradeFixture.squashfsVersion(fx.dump("recovery", "recovery.squashfs")));
            fx.assertNothingLeftAttached();
        } finally {
            Tools.execute(script, "--stop", "--dir", dir.toString());
        }
    }
}
