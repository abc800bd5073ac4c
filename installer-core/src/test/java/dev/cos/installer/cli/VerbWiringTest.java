package dev.cos.installer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.disk.DiskFixtures;
import dev.cos.installer.install.RequiredTools;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.testsupport.FakeContainerImages;
import dev.cos.installer.testsupport.FakeInstalledDisk;
import dev.cos.installer.testsupport.FakeWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every verb, run through the CLI's composition root with the fake wiring: what it ran went to the
 * recording runner (no verb makes its own), mounts went under the test's directory, and the answer is
 * what a person would check. The installed system is {@link FakeInstalledDisk}; sources are a directory.
 */
class VerbWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private FakeInstalledDisk disk;
    private String image;
    private String tree;
    private RecordingCommandRunner runner;
    private FakeWiring wiring;

    @BeforeEach
    void setUp() throws IOException {
        disk = new FakeInstalledDisk(temp).create();
        image = Files.writeString(temp.resolve("disk.img"), "not really a disk").toString();
        Path etc = Files.createDirectories(temp.resolve("tree/etc"));
        Files.writeString(etc.resolve("os-release"), "NAME=Demo\nVERSION_ID=2\n");
        tree = etc.getParent().toString();
        runner = FakeInstalledDisk.creatingImages(FakeInstalledDisk.answering(new RecordingCommandRunner()));
        wiring = new FakeWiring(runner, temp);
        wiring.mounter = disk.mounter(runner);
    }

    private Cli.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Privileges.Check.ANY, wiring::build);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Cli.Result(exit, out.toString(), err.toString());
    }

    /** The summary of the result event of a {@code --progress json} run. */
    private static JsonNode summary(Cli.Result result) throws IOException {
        String[] lines = result.out().strip().split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertEquals("success", last.get("status").asText(), result.toString());
        return last.get("summary");
    }

    private void assertOpenedTheImage() {
        assertTrue(runner.lines().stream().anyMatch(line -> line.startsWith("losetup --find --show --partscan")
                && line.endsWith(image)), "the image was attached through the fake runner: " + runner.lines());
        assertTrue(runner.lines().stream().filter(line -> line.startsWith("mount ")).allMatch(line -> line.contains(
                temp.resolve("run").toString())), "mounts go under the fake wiring's run directory: " + runner.lines());
    }

    private void grubenv(String text) throws IOException {
        Files.writeString(disk.partition("oem").resolve("grubenv"), text + "#".repeat(1024 - text.length()));
    }

    @Test
    void status() throws IOException {
        Cli.Result result = run("status", "--target", image, "--json");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode status = JSON.readTree(result.out());
        assertEquals("dir:///old", status.get("images").get("active").get("source").asText());
        assertOpenedTheImage();
    }

    @Test
    void diagnose() throws IOException {
        Cli.Result result = run("diagnose", "--target", image, "--json");

        assertEquals(1, result.exitCode(), "the fake disk has no bootloader: " + result);
        assertFalse(JSON.readTree(result.out()).get("healthy").asBoolean());
        assertTrue(runner.lines().contains("e2fsck -f -n " + FakeInstalledDisk.LOOP + "p5"), runner.lines().toString());
        assertOpenedTheImage();
    }

    @Test
    void bootentry() throws IOException {
        grubenv("# GRUB Environment Block\n");

        Cli.Result result = run("bootentry", "--target", image, "--select", "passive", "--once");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("COS_OEM:/grubenv: next_entry="), result.out());
        assertTrue(runner.lines().stream().anyMatch(line -> line.startsWith("grub-editenv ") && line.contains(" set next_entry=")),
                runner.lines().toString());
        assertOpenedTheImage();
    }

    @Test
    void rollback() throws IOException {
        Cli.Result result = run("rollback", "--swap", "--target", image, "--progress", "json");

        JsonNode summary = summary(result);
        assertEquals("dir:///older", summary.get("active").asText(), "passive became active");
        assertEquals("dir:///old", summary.get("passive").asText());
        assertOpenedTheImage();
    }

    @Test
    void repair() throws IOException {
        Cli.Result result = run("repair", "--grub-env", "--target", image, "--progress", "json");

        assertEquals("grub-env", summary(result).get("actions").get(0).asText());
        assertTrue(runner.lines().stream().anyMatch(line -> line.startsWith("grub-editenv ")),
                "the GRUB environment block was rewritten through the fake runner: " + runner.lines());
        assertOpenedTheImage();
    }

    @Test
    void upgrade() throws IOException {
        Cli.Result result = run("upgrade", "--target", image, "--as-booted", "passive", "--source", tree, "--progress", "json");

        JsonNode summary = summary(result);
        assertEquals("dir://" + tree, summary.get("active").asText(), "booted from passive, only active is replaced");
        assertTrue(runner.lines().stream().anyMatch(line -> line.startsWith("mkfs.ext2 ") && line.contains(tree)),
                runner.lines().toString());
        assertOpenedTheImage();
    }

    @Test
    void reset() throws IOException {
        Files.writeString(disk.partition("state").resolve("grub_oem_env"), "# GRUB Environment Block\ncos_max_tries=xx\n"
                + "#".repeat(980));

        Cli.Result result = run("reset", "--target", image, "--as-booted", "recovery", "--source", tree, "--progress", "json");

        JsonNode summary = summary(result);
        assertEquals("dir://" + tree, summary.get("active").asText());
        assertEquals("dir://" + tree, summary.get("passive").asText());
        assertTrue(runner.lines().contains("mkfs.ext4 -F -q -L COS_STATE " + FakeInstalledDisk.LOOP + "p5")
                || runner.lines().stream().anyMatch(line -> line.startsWith("mkfs.ext4") && line.contains("COS_STATE")),
                "COS_STATE was reformatted through the fake runner: " + runner.lines());
        assertOpenedTheImage();
    }

    @Test
    void resetAndRecoveryUpgradeFromAContainerImagePullAndRecordItByDigest() throws IOException {
        Digest digest = new Digest("c0".repeat(32));
        FakeContainerImages store = new FakeContainerImages(Path.of(tree), digest);
        wiring.containers = store;
        Files.writeString(disk.partition("state").resolve("grub_oem_env"), "# GRUB Environment Block\ncos_max_tries=xx\n"
                + "#".repeat(980));
        String pinned = "oci:registry.example.org/cos/system@" + digest;

        JsonNode reset = summary(run("reset", "--target", image, "--as-booted", "recovery", "--source",
                "oci:registry.example.org/cos/system:2.0", "--progress", "json"));
        JsonNode upgrade = summary(run("upgrade", "--target", image, "--as-booted", "active", "--recovery", "--source",
                "docker:registry.example.org/cos/system:2.0", "--progress", "json"));

        assertEquals(pinned, reset.get("active").asText(), reset.toString());
        assertEquals(pinned, reset.get("passive").asText());
        assertEquals(pinned, upgrade.get("recovery").asText(), upgrade.toString());
        assertEquals(List.of(pinned, pinned), store.pulls, "each job pulls by the digest it pinned");
    }

    @Test
    void install() throws IOException {
        String target = temp.resolve("new.img").toString();

        Cli.Result result = run("install", "--target", target, "--size", "8G", "--source", tree, "--yes", "--progress", "json");

        assertEquals(target, summary(result).get("target").asText());
        assertTrue(runner.lines().contains("losetup --find --show --partscan " + target), runner.lines().toString());
        assertTrue(runner.lines().stream().anyMatch(line -> line.startsWith("sgdisk --new=1:")), runner.lines().toString());
    }

    @Test
    void plan() throws IOException {
        Cli.Result result = run("plan", "--target", temp.resolve("new.img").toString(), "--size", "8G", "--source", tree, "--json");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode plan = JSON.readTree(result.out());
        assertEquals("persistent", plan.get("partitions").get(5).get("name").asText());
        assertTrue(runner.lines().stream().noneMatch(line -> line.startsWith("sgdisk")), "a plan changes nothing: " + runner.lines());
        assertFalse(Files.exists(temp.resolve("new.img")), "a plan creates no image file");
    }

    @Test
    void planOfAContainerImageShowsItPinnedWithTheFlagsOverTheConfig() throws IOException {
        Digest digest = new Digest("c0".repeat(32));
        FakeContainerImages store = new FakeContainerImages(Path.of(tree), digest);
        wiring.containers = store;
        Path key = Files.writeString(temp.resolve("cosign.pub"), "a key");
        Path config = Files.writeString(temp.resolve("config.yaml"), "platform: linux/ppc64le\ncosign-key: " + key + "\n");

        Cli.Result result = run("plan", "--target", temp.resolve("new.img").toString(), "--size", "8G", "--config",
                config.toString(), "--source", "oci:registry.example.org/cos/system:2.0", "--platform", "linux/arm64",
                "--cosign", "--json");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode image = JSON.readTree(result.out()).at("/source/image");
        assertEquals("oci:registry.example.org/cos/system:2.0@" + digest, image.get("reference").asText(), image.toString());
        assertEquals("oci:registry.example.org/cos/system@" + digest, JSON.readTree(result.out()).at("/source/uri").asText());
        assertEquals("linux/arm64", image.get("platform").asText(), "the flag over the config");
        assertEquals("verified", image.get("signature").asText());
        assertEquals(FakeContainerImages.KEY, image.get("signedBy").asText());
        assertEquals(List.of(key), store.settingsSeen.stream().map(s -> s.cosignKey().orElseThrow()).toList(),
                "the config's key, verification on by the flag");
        assertEquals(List.of("oci:registry.example.org/cos/system@" + digest), store.pulls);
    }

    @Test
    void inspectOfAContainerImageInTextShowsWhatTheSummaryPageShows() throws IOException {
        Digest digest = new Digest("c0".repeat(32));
        wiring.containers = new FakeContainerImages(Path.of(tree), digest);

        Cli.Result result = run("inspect", "oci:registry.example.org/cos/system:2.0");

        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.contains("uri:        oci:registry.example.org/cos/system@" + digest), result.out());
        assertTrue(lines.contains("image:"), result.out());
        assertTrue(lines.contains("  reference:       oci:registry.example.org/cos/system:2.0@" + digest), result.out());
        assertTrue(lines.contains("  tag:             2.0"), result.out());
        assertTrue(lines.contains("  signature:       not-checked"), result.out());
        assertTrue(lines.contains("  labels:          org.opencontainers.image.title=cOS demo,"
                + " org.opencontainers.image.version=2.0"), result.out());
    }

    @Test
    void inspectWithoutPullingPinsAndShowsTheImageFromItsManifestAndConfigOnly() throws IOException {
        Digest digest = new Digest("c0".repeat(32));
        FakeContainerImages store = new FakeContainerImages(Path.of(tree), digest);
        wiring.containers = store;

        JsonNode summary = summary(run("inspect", "--no-pull", "oci:registry.example.org/cos/system:2.0", "--progress", "json"));

        assertEquals(List.of(), store.pulls, "no layer is downloaded");
        assertEquals("oci:registry.example.org/cos/system@" + digest, summary.get("uri").asText());
        assertEquals("sha256:" + digest.hex(), summary.get("digest").asText());
        assertEquals("cOS demo", summary.get("name").asText(), "org.opencontainers.image.title");
        assertEquals("2.0", summary.get("version").asText(), "org.opencontainers.image.version");
        assertEquals(FakeContainerImages.COMPRESSED_BYTES, summary.get("bytes").asLong());
        assertEquals(0, summary.get("treeBytes").asLong(), "unknown without the layers");
        assertEquals("oci:registry.example.org/cos/system:2.0@" + digest, summary.at("/image/reference").asText());
    }

    @Test
    void inspectWithoutPullingIsOnlyForContainerImages() {
        Cli.Result result = run("inspect", "--no-pull", tree);

        assertEquals(dev.cos.installer.error.ErrorCode.USAGE.exitCode(), result.exitCode(), result.toString());
        assertTrue(result.err().contains("--no-pull reads only container images"), result.err());
    }

    @Test
    void inspect() throws IOException {
        Cli.Result result = run("inspect", tree, "--progress", "json");

        JsonNode summary = summary(result);
        assertEquals("dir://" + tree, summary.get("uri").asText());
        assertEquals("2", summary.get("version").asText());
    }

    @Test
    void inspectWithoutASourceInspectsTheWiringsDemoImage() throws IOException {
        wiring.demoImage = tree;

        Cli.Result result = run("inspect", "--progress", "json");

        assertEquals("dir://" + tree, summary(result).get("uri").asText());
    }

    @Test
    void check() throws IOException {
        wiring.tools = new RequiredTools(tool -> !tool.equals("sgdisk"));

        Cli.Result result = run("check", "--json");

        assertEquals(0, result.exitCode(), result.toString());
        JsonNode check = JSON.readTree(result.out());
        assertEquals("efi", check.get("firmware").asText(), "the fake wiring's firmware");
        assertEquals("gdisk", check.get("missingPackages").get(0).asText());
    }

    @Test
    void disks() throws IOException {
        RecordingCommandRunner captured = DiskFixtures.capturedRunner();
        wiring = new FakeWiring(captured, temp);
        wiring.files = new DiskFixtures.Tree(temp).mountInfo(DiskFixtures.read("mountinfo-with-loop-mounted.txt")).files();

        Cli.Result result = run("disks", "--json");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("/dev/loop0", JSON.readTree(result.out()).get("disks").get(0).get("path").asText());
        assertTrue(captured.lines().stream().anyMatch(line -> line.startsWith("lsblk ")),
                "the disks were listed through the fake runner: " + captured.lines());
    }

    @Test
    void theWiringsStepHookHearsEveryStepOfAJob() throws IOException {
        List<String> finished = new ArrayList<>();
        wiring.stepHook = finished::add;

        summary(run("rollback", "--swap", "--target", image, "--progress", "json"));

        assertEquals(List.of("mount", "lock", "swap", "boot-env", "history"), finished);
    }

    @Test
    void aVerbThatNeedsRootAsksTheWiring() {
        List<String> asked = new ArrayList<>();
        FakeWiring fake = wiring;
        CommandLine cli = Main.commandLine(Privileges.Check.ANY, () -> {
            dev.cos.installer.service.Wiring built = fake.build();
            return new dev.cos.installer.service.Wiring(built.runner(), built.mounter(), built.deviceNodes(), built.files(),
                    built.freeSpace(), built.grubFiles(), built.clock(), built.access(), built.locators(), built.stepHook(),
                    verb -> {
                        asked.add(verb);
                        throw new dev.cos.installer.error.InstallerException(dev.cos.installer.error.ErrorCode.NOT_ROOT,
                                verb + " must run as root");
                    }, built.tools(), built.firmware(), built.mountRunDir(), built.environment(), built.demoImage());
        });
        cli.setErr(new PrintWriter(new StringWriter()));

        int exit = cli.execute("status", "--target", image);

        assertEquals(dev.cos.installer.error.ErrorCode.NOT_ROOT.exitCode(), exit);
        assertEquals(List.of("status"), asked);
        assertTrue(runner.lines().isEmpty(), "nothing ran before the root check: " + runner.lines());
    }
}
