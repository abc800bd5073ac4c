package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.api.Json;
import dev.cos.installer.api.UpgradeCheck;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.FakeContainerImages;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import dev.cos.installer.testsupport.FakeWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code upgrade-check}: the configured container source's digest against the running slot's recorded
 * one, on the fake installed disk (active records sha256:aa), with a fake store: nothing is pulled.
 */
class UpgradeCheckCommandTest {

    private static final Digest NEW = new Digest("c0".repeat(32));
    private static final String SOURCE = "oci:registry.example.org/cos/system:1.1";

    @TempDir
    Path temp;

    private FakeInstalledDisk disk;
    private String image;
    private FakeWiring wiring;
    private FakeContainerImages store;

    @BeforeEach
    void setUp() throws IOException {
        disk = new FakeInstalledDisk(temp).create();
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk").toString();
        Path tree = Files.createDirectories(temp.resolve("tree/etc")).getParent();
        RecordingCommandRunner runner = FakeInstalledDisk.creatingImages(FakeInstalledDisk.answering(new RecordingCommandRunner()));
        wiring = new FakeWiring(runner, temp);
        wiring.mounter = disk.mounter(runner);
        store = new FakeContainerImages(tree, NEW);
        wiring.containers = store;
    }

    private Cli.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Privileges.Check.ANY, wiring::build);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Cli.Result(cli.execute(args), out.toString(), err.toString());
    }

    private Path config(String upgradeUri) throws IOException {
        return Files.writeString(temp.resolve("config.yaml"), "upgrade:\n  system:\n    uri: " + upgradeUri + "\n");
    }

    @Test
    void anotherDigestUnderTheConfiguredTagIsAnUpdatePinnedToThatDigest() throws IOException {
        Cli.Result result = run("upgrade-check", "--json", "--target", image, "--as-booted", "active", "--config",
                config(SOURCE).toString());

        assertEquals(0, result.exitCode(), result.toString());
        UpgradeCheck check = Json.read(result.out(), UpgradeCheck.class);
        assertEquals(new UpgradeCheck(SOURCE, SOURCE + "@" + NEW, "1.1", NEW.toString(), "active", "dir:///old", "sha256:aa",
                true), check);
        assertEquals(List.of(), store.pulls, "nothing downloaded");
        // (The fake answers the tag's digest by pinning the tag; a registry answers a HEAD.)
        assertTrue(store.pins.stream().noneMatch(p -> p.contains("@")), "verification off: no digest pinned " + store.pins);
        assertTrue(!result.out().contains("signedBy"), result.out());
    }

    @Test
    void withCosignOnTheUpdateIsOfferedWithTheKeyThatSignedIt() throws IOException {
        Path key = Files.writeString(temp.resolve("cosign.pub"), "read by the fake store: not parsed here");
        Path config = Files.writeString(temp.resolve("config.yaml"), "cosign: true\ncosign-key: " + key
                + "\nupgrade:\n  system:\n    uri: " + SOURCE + "\n");

        Cli.Result result = run("upgrade-check", "--json", "--target", image, "--as-booted", "active", "--config",
                config.toString());

        assertEquals(0, result.exitCode(), result.toString());
        UpgradeCheck check = Json.read(result.out(), UpgradeCheck.class);
        assertEquals(FakeContainerImages.KEY, check.signedBy());
        assertTrue(store.pins.contains(SOURCE + "@" + NEW), "the signature is checked for the digest the tag points at: "
                + store.pins);
        assertEquals(List.of(), store.pulls, "nothing downloaded");
    }

    @Test
    void theRecordedDigestUnderTheTagIsUpToDate() throws IOException {
        for (String partition : List.of("state", "recovery")) {
            Path state = disk.partition(partition).resolve("state.yaml");
            Files.writeString(state, Files.readString(state).replace("sha256:aa", NEW.toString()));
        }

        Cli.Result result = run("upgrade-check", "--target", image, "--as-booted", "active", "--source", SOURCE);

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("up to date: active is " + NEW + " (" + SOURCE + ")\n", result.out());
    }

    @Test
    void aSourceThatIsNotAContainerImageIsRefusedInWords() {
        Cli.Result result = run("upgrade-check", "--json", "--target", image, "--as-booted", "active", "--source",
                "https://example.org/os.squashfs");

        assertEquals(ErrorCode.USAGE.exitCode(), result.exitCode(), result.toString());
        assertTrue(result.err().contains("https://example.org/os.squashfs is not a container image"), result.err());
    }
}
