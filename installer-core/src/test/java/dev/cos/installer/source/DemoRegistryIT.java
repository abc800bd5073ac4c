package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cos.installer.process.CommandResult;
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
 * README's registry walk-through as a new user types it: packaging/demo-registry/start-demo-registry.sh
 * starts a registry with the demo image 1.0 and 2.0 and prints a config file naming it; the launcher
 * (installer-core/bin/cos-installer, not the CLI in-process) installs with that config, then upgrades
 * to 2.0 offline. The registry's own storage tells the digest each tag had.
 */
class DemoRegistryIT {

    @TempDir
    Path temp;

    @Test
    void theReadmeInstallsFromTheDemoRegistryPinnedAndUpgradesFromIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = temp.resolve("registry");
        Path packaging = DemoImage.script().getParent().getParent();
        String script = packaging.resolve("demo-registry/start-demo-registry.sh").toString();
        String launcher = packaging.resolveSibling("installer-core/bin/cos-installer").toString();
        String host = "127.0.0.1:" + port;
        try {
            List<String> out = Tools.run(script, "--port", String.valueOf(port), "--dir", dir.toString()).strip().lines().toList();
            Path config = Path.of(out.get(out.size() - 1));
            UpgradeFixture fx = new UpgradeFixture(temp);

            CommandResult installed = Tools.execute(launcher, "install", "--target", fx.image.toString(), "--size", "8G",
                    "--config", config.toString());
            assertEquals(0, installed.exitCode(), installed::toString);
            String digest10 = tagDigest(dir, "1.0");
            JsonNode active = fx.state("state").at("/state/active");
            assertEquals("oci:" + host + "/cos/demo@" + digest10, active.path("source").asText(), active::toString);
            assertEquals("1.0", active.at("/source-metadata/tag").asText());
            assertEquals(digest10, active.at("/source-metadata/digest").asText());
            assertEquals("1.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertEquals("1.0", UpgradeFixture.squashfsVersion(fx.dump("recovery", "recovery.squashfs")));

            CommandResult upgraded = Tools.execute(launcher, "upgrade", "--config", config.toString(), "--target",
                    fx.image.toString(), "--as-booted", "active", "--source", "oci:" + host + "/cos/demo:2.0");
            assertEquals(0, upgraded.exitCode(), upgraded::toString);
            JsonNode state = fx.state("state").at("/state");
            assertEquals("oci:" + host + "/cos/demo@" + tagDigest(dir, "2.0"), state.at("/active/source").asText(), state::toString);
            assertEquals("oci:" + host + "/cos/demo@" + digest10, state.at("/passive/source").asText(), state::toString);
            assertEquals("2.0", UpgradeFixture.extVersion(fx.dump("state", "active.img")));
            assertEquals("1.0", UpgradeFixture.extVersion(fx.dump("state", "passive.img")));
            CommandResult verified = Tools.execute("sgdisk", "-v", fx.image.toString());
            assertTrue(verified.stdout().contains("No problems found"), verified::toString);
            fx.assertNothingLeftAttached();
        } finally {
            Tools.execute(script, "--stop", "--dir", dir.toString());
        }
    }

    /** The manifest digest the registry links {@code tag} to, read from its storage (not through our client). */
    private static String tagDigest(Path registryDir, String tag) throws IOException {
        return Files.readString(registryDir.resolve("storage/docker/registry/v2/repositories/cos/demo/_manifests/tags/" + tag
                + "/current/link")).strip();
    }
}
