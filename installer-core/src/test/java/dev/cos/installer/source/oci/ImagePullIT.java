package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.testsupport.TreeComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images built by an independent tool (umoci: init, new, unpack+repack, insert --whiteout, insert
 * --opaque; skopeo for zstd), pulled by us, and compared with umoci's own unpack of the same image:
 * paths, types, modes, owners, sizes, content, link targets, hard-link groups, devices, xattrs.
 */
class ImagePullIT {

    @TempDir
    static Path work;
    static Path layout;
    static Path umociV1;
    static Path umociV3;
    static final AtomicInteger TREES = new AtomicInteger();

    /** Three layers: a full root (every metadata kind), a whiteout of etc/remove-me, an opaque opt/app. */
    @BeforeAll
    static void buildImage() throws IOException {
        layout = work.resolve("layout");
        Tools.run("umoci", "init", "--layout", layout.toString());
        Tools.run("umoci", "new", "--image", layout + ":base");
        Path bundle = work.resolve("bundle");
        Tools.run("umoci", "unpack", "--image", layout + ":base", bundle.toString());
        Path r = bundle.resolve("rootfs");
        for (String dir : new String[] {"etc", "opt/app/sub", "usr/bin", "dev", "tmp", "home/user", "srv/setgid"}) {
            Files.createDirectories(r.resolve(dir));
        }
        Files.writeString(r.resolve("etc/os-release"), "ID=cos\nVERSION_ID=1\n");
        Files.writeString(r.resolve("etc/remove-me"), "lower");
        Files.writeString(r.resolve("opt/app/old1"), "old");
        Files.writeString(r.resolve("opt/app/sub/old2"), "older");
        Files.writeString(r.resolve("usr/bin/su"), "setuid program");
        Files.writeString(r.resolve("usr/bin/pinger"), "capable program");
        Files.write(r.resolve("usr/bin/big"), new byte[3 << 20]);
        Tools.run("chmod", "4755", r.resolve("usr/bin/su").toString());
        Tools.run("ln", r.resolve("usr/bin/su").toString(), r.resolve("usr/bin/su-hardlink").toString());
        Tools.run("ln", "-s", "su", r.resolve("usr/bin/su-symlink").toString());
        Tools.run("setcap", "cap_net_raw,cap_setuid+ep", r.resolve("usr/bin/pinger").toString());
        Tools.run("setfattr", "-n", "user.note", "-v", "kept", r.resolve("etc/os-release").toString());
        Tools.run("mknod", r.resolve("dev/null").toString(), "c", "1", "3");
        Tools.run("mknod", r.resolve("dev/loop9").toString(), "b", "7", "9");
        Tools.run("mkfifo", r.resolve("dev/fifo").toString());
        Tools.run("chmod", "1777", r.resolve("tmp").toString());
        Tools.run("chmod", "2775", r.resolve("srv/setgid").toString());
        Tools.run("chown", "1000:1000", r.resolve("home/user").toString());
        Tools.run("chmod", "700", r.resolve("home/user").toString());
        Tools.run("umoci", "repack", "--image", layout + ":v1", bundle.toString());
        Tools.run("umoci", "insert", "--image", layout + ":v1", "--tag", "v2", "--whiteout", "/etc/remove-me");
        Path newApp = Files.createDirectory(work.resolve("new-app"));
        Files.writeString(newApp.resolve("new"), "new");
        Tools.run("umoci", "insert", "--image", layout + ":v2", "--tag", "v3", "--opaque", newApp.toString(), "/opt/app");
        umociV1 = umociUnpack("v1");
        umociV3 = umociUnpack("v3");
    }

    /**
     * A fourth layer umoci computes from changes to an unpacked v3: types replaced (a symlink by a
     * directory, a directory by a file), a metadata-only change (mode, owner), a removed hard link.
     */
    @Test
    void changedTypesAndMetadataInALaterLayer() throws IOException {
        Path bundle = work.resolve("bundle-v4");
        Tools.run("umoci", "unpack", "--image", layout + ":v3", bundle.toString());
        Path r = bundle.resolve("rootfs");
        Files.delete(r.resolve("usr/bin/su-symlink"));
        Files.createDirectory(r.resolve("usr/bin/su-symlink"));
        Files.writeString(r.resolve("usr/bin/su-symlink/inside"), "now a directory");
        Tools.run("rm", "-r", r.resolve("opt/app").toString());
        Files.writeString(r.resolve("opt/app"), "now a file");
        Tools.run("chmod", "0600", r.resolve("etc/os-release").toString());
        Tools.run("chown", "1000:1000", r.resolve("usr/bin/big").toString());
        Files.delete(r.resolve("usr/bin/su-hardlink"));
        Tools.run("umoci", "repack", "--image", layout + ":v4", bundle.toString());
        Path tree = pull(OciLayoutStore.directory(layout), "v4", Platform.LINUX_AMD64);
        new TreeComparator().assertSameTree(umociUnpack("v4"), tree);
        assertEquals("now a file", Files.readString(tree.resolve("opt/app")));
    }

    private static Path umociUnpack(String tag) {
        Path bundle = work.resolve("umoci-" + tag);
        Tools.run("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString());
        return bundle.resolve("rootfs");
    }

    private static Path pull(ImageStore store, String tagOrDigest, Platform platform) {
        ResolvedImage image = ImageResolver.resolve(store, tagOrDigest, platform);
        Path tree = work.resolve("ours-" + TREES.incrementAndGet()).resolve("tree");
        ImagePuller.standard().pull(store, image, tree, ByteProgress.NONE);
        return tree;
    }

    @Test
    void aLayoutDirectoryPullsToWhatUmociUnpacks() {
        Path tree = pull(OciLayoutStore.directory(layout), "v3", Platform.LINUX_AMD64);
        new TreeComparator().assertSameTree(umociV3, tree);
        // what a person would check, beside the comparison
        assertFalse(Files.exists(tree.resolve("etc/remove-me")), "the whiteout removed it");
        assertFalse(Files.exists(tree.resolve("opt/app/old1")), "the opaque directory hides the lower content");
        assertTrue(Files.exists(tree.resolve("opt/app/new")));
        assertTrue(Tools.run("getcap", tree.resolve("usr/bin/pinger").toString()).contains("cap_setuid,cap_net_raw=ep"));
        assertTrue(Tools.run("stat", "-c", "%A %U", tree.resolve("usr/bin/su").toString()).startsWith("-rwsr-xr-x root"));
    }

    @Test
    void zstdLayersPullToTheSameTree() throws IOException {
        Path zstd = work.resolve("zstd-layout");
        Tools.run("skopeo", "copy", "--dest-compress-format", "zstd", "oci:" + layout + ":v3", "oci:" + zstd + ":v3");
        OciLayoutStore store = OciLayoutStore.directory(zstd);
        ResolvedImage image = ImageResolver.resolve(store, "v3", Platform.LINUX_AMD64);
        assertTrue(image.manifest().layers().stream().allMatch(l -> l.mediaType().equals(MediaTypes.OCI_LAYER_ZSTD)),
                image.manifest().layers().toString());
        new TreeComparator().assertSameTree(umociV3, pull(store, "v3", Platform.LINUX_AMD64));
    }

    @Test
    void aDockerSchema2ImagePullsToTheSameTree() throws IOException {
        // skopeo's dir: transport keeps the Docker manifest as written; a layout is made of its files here
        Path dir = work.resolve("docker-dir");
        Tools.run("skopeo", "copy", "--format", "v2s2", "oci:" + layout + ":v3", "dir:" + dir);
        Path docker = work.resolve("docker-layout");
        Files.createDirectories(docker.resolve("blobs/sha256"));
        Files.writeString(docker.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).toList()) {
                Files.copy(file, docker.resolve("blobs/sha256").resolve(file.getFileName()));
            }
        }
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        Digest digest = Digest.of(manifest);
        Files.write(docker.resolve("blobs/sha256/" + digest.hex()), manifest);
        Files.writeString(docker.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"" + OciLayoutStore.REF_NAME + "\":\"v3\"}}]}");
        OciLayoutStore store = OciLayoutStore.directory(docker);
        ResolvedImage image = ImageResolver.resolve(store, "v3", Platform.LINUX_AMD64);
        assertEquals(MediaTypes.DOCKER_MANIFEST, image.manifest().mediaType());
        assertTrue(image.manifest().layers().stream().allMatch(l -> l.mediaType().equals(MediaTypes.DOCKER_LAYER_GZIP)),
                image.manifest().layers().toString());
        new TreeComparator().assertSameTree(umociV3, pull(store, "v3", Platform.LINUX_AMD64));
    }

    @Test
    void anIndexWithTwoPlatformsGivesEachItsImage() throws IOException {
        Path multi = work.resolve("multi-layout");
        Tools.run("cp", "-a", layout.toString(), multi.toString());
        ObjectMapper json = new ObjectMapper();
        ObjectNode layoutIndex = (ObjectNode) json.readTree(multi.resolve("index.json").toFile());
        ObjectNode index = json.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode entries = index.putArray("manifests");
        for (var entry : layoutIndex.get("manifests")) {
            String tag = entry.get("annotations").get(OciLayoutStore.REF_NAME).asText();
            if (tag.equals("v3") || tag.equals("v1")) {
                ObjectNode copy = ((ObjectNode) entry.deepCopy());
                copy.remove("annotations");
                copy.putObject("platform").put("os", "linux").put("architecture", tag.equals("v3") ? "amd64" : "arm64");
                entries.add(copy);
            }
        }
        byte[] bytes = json.writeValueAsBytes(index);
        Digest digest = Digest.of(bytes);
        Files.write(multi.resolve("blobs/sha256/" + digest.hex()), bytes);
        ((ArrayNode) layoutIndex.get("manifests")).addObject().put("mediaType", MediaTypes.OCI_INDEX)
                .put("digest", digest.toString()).put("size", bytes.length)
                .putObject("annotations").put(OciLayoutStore.REF_NAME, "multi");
        json.writeValue(multi.resolve("index.json").toFile(), layoutIndex);

        OciLayoutStore store = OciLayoutStore.directory(multi);
        assertEquals(digest, ImageResolver.resolve(store, "multi", Platform.LINUX_AMD64).digest(), "the index is pinned");
        new TreeComparator().assertSameTree(umociV3, pull(store, "multi", Platform.LINUX_AMD64));
        new TreeComparator().assertSameTree(umociV1, pull(store, "multi", Platform.parse("linux/arm64")));
        InstallerException none = assertThrows(InstallerException.class,
                () -> ImageResolver.resolve(store, "multi", Platform.parse("linux/riscv64")));
        assertTrue(none.getMessage().contains("it has images for linux/arm64, linux/amd64"), none.getMessage());
    }

    @Test
    void anArchiveOfTheLayoutIsReadInPlace() {
        Path tar = work.resolve("image.tar");
        Tools.run("tar", "-C", layout.toString(), "-cf", tar.toString(), ".");
        OciLayoutStore store = OciLayoutReference.parse("oci-archive:" + tar + ":v3").open();
        new TreeComparator().assertSameTree(umociV3, pull(store, "v3", Platform.LINUX_AMD64));
    }
}
