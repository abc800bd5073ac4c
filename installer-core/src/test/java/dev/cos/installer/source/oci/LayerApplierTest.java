package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.NativeFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied onto a tree with the real file calls (the tests run as root, in their own temp directory). */
class LayerApplierTest {

    @TempDir
    Path temp;
    Path tree;
    final LayerApplier applier = new LayerApplier(NativeFiles.libc());

    @BeforeEach
    void tree() throws IOException {
        tree = Files.createDirectory(temp.resolve("tree"));
    }

    private Optional<LayerApplier.RootAttributes> apply(LayerBuilder layer) {
        return applier.apply(new ByteArrayInputStream(layer.gzip()), MediaTypes.OCI_LAYER_GZIP, tree, "layer 1 of test");
    }

    private String read(String name) throws IOException {
        return Files.readString(tree.resolve(name));
    }

    private boolean exists(String name) {
        return Files.exists(tree.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void laterLayersReplaceAndWhiteoutsRemoveWhatLowerLayersPut() throws IOException {
        apply(new LayerBuilder().dir("etc").file("etc/os-release", "ID=one").file("etc/gone", "x")
                .dir("var").dir("var/cache").file("var/cache/a", "a").dir("var/cache/sub").file("var/cache/sub/b", "b"));
        apply(new LayerBuilder().file("etc/os-release", "ID=two").whiteout("etc", "gone").whiteout("var", "cache"));
        assertEquals("ID=two", read("etc/os-release"));
        assertFalse(exists("etc/gone"));
        assertFalse(exists("var/cache"));
        assertTrue(exists("var"));
    }

    @Test
    void anOpaqueDirectoryHidesTheLowerContentButKeepsItsOwn() throws IOException {
        apply(new LayerBuilder().dir("opt").file("opt/old", "old").dir("opt/deep").file("opt/deep/older", "o"));
        // this layer's own entries come before and after the marker: both stay
        apply(new LayerBuilder().dir("opt").file("opt/before", "b").dir("opt/deep").file("opt/deep/mine", "m")
                .opaque("opt").file("opt/after", "a"));
        assertEquals("b", read("opt/before"));
        assertEquals("a", read("opt/after"));
        assertEquals("m", read("opt/deep/mine"));
        assertFalse(exists("opt/old"));
        assertFalse(exists("opt/deep/older"));
    }

    @Test
    void aWhiteoutSparesWhatTheSameLayerWrote() throws IOException {
        apply(new LayerBuilder().dir("srv").file("srv/x", "lower"));
        apply(new LayerBuilder().file("srv/x", "upper").whiteout("srv", "x"));
        assertEquals("upper", read("srv/x"));
    }

    @Test
    void entriesKeepOwnersModesSetuidAndRawXattrs() throws IOException {
        byte[] capability = {1, 0, 0, 2, (byte) 0xc0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        apply(new LayerBuilder().dir("usr").dir("usr/bin").file("usr/bin/su", "su", 04755, 0, 0)
                .file("usr/bin/ping", "ping", 0755, 0, 0).xattr("security.capability", capability)
                .file("home-file", "h", 0640, 1000, 1000).xattr("user.binary", new byte[] {(byte) 0xff, 0, (byte) 0x80})
                .dir("tmp", 01777));
        assertEquals("4755", mode("usr/bin/su"));
        assertEquals("1777", mode("tmp"));
        assertEquals(1000, Files.getAttribute(tree.resolve("home-file"), "unix:uid"));
        assertEquals(1000, Files.getAttribute(tree.resolve("home-file"), "unix:gid"));
        assertArrayEquals(capability, xattr("usr/bin/ping", "security.capability"));
        assertArrayEquals(new byte[] {(byte) 0xff, 0, (byte) 0x80}, xattr("home-file", "user.binary"));
    }

    @Test
    void linksDevicesAndFifos() throws IOException {
        apply(new LayerBuilder().dir("bin").file("bin/busybox", "bb").hardLink("bin/sh", "bin/busybox")
                .symlink("bin/ls", "busybox").dir("dev").charDevice("dev/null", 1, 3).fifo("dev/pipe"));
        assertEquals(Files.getAttribute(tree.resolve("bin/busybox"), "unix:ino"), Files.getAttribute(tree.resolve("bin/sh"), "unix:ino"));
        assertEquals(Path.of("busybox"), Files.readSymbolicLink(tree.resolve("bin/ls")));
        int rdev = ((Number) Files.getAttribute(tree.resolve("dev/null"), "unix:rdev")).intValue();
        assertEquals(0x103, rdev);
        assertEquals("20666", Integer.toOctalString((Integer) Files.getAttribute(tree.resolve("dev/null"), "unix:mode")));
        assertEquals("10640", Integer.toOctalString((Integer) Files.getAttribute(tree.resolve("dev/pipe"), "unix:mode")));
    }

    @Test
    void aSymlinkOnTheWayIsFollowedInsideTheTreeNeverOutOfIt() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        apply(new LayerBuilder().symlink("escape", "../../outside").symlink("abs", "/etc").dir("etc"));
        apply(new LayerBuilder().file("escape/planted", "x").file("abs/planted", "y"));
        assertFalse(Files.exists(outside.resolve("planted")));
        assertEquals("x", read("outside/planted"), "'..' above the tree stops at the tree, as at /");
        assertEquals("y", read("etc/planted"), "an absolute target means the tree's own /etc");
    }

    @Test
    void anEntryReplacesASymlinkAtItsPlaceInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(temp.resolve("victim"), "keep");
        apply(new LayerBuilder().symlink("target", victim.toString()));
        apply(new LayerBuilder().file("target", "new"));
        assertEquals("keep", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(tree.resolve("target")));
        assertEquals("new", read("target"));
    }

    @Test
    void namesThatLeaveTheTreeAreRefused() {
        InstallerException dots = assertThrows(InstallerException.class,
                () -> apply(new LayerBuilder().file("a/../../evil", "x")));
        assertTrue(dots.getMessage().contains("'..'"), dots.getMessage());
        InstallerException link = assertThrows(InstallerException.class,
                () -> apply(new LayerBuilder().file("f", "x").hardLink("h", "../../etc/passwd")));
        assertTrue(link.getMessage().contains("hard link"), link.getMessage());
        InstallerException absolute = assertThrows(InstallerException.class,
                () -> apply(new LayerBuilder().file("/evil", "x")));
        assertTrue(absolute.getMessage().contains("absolute name"), absolute.getMessage());
        assertFalse(Files.exists(temp.resolve("evil")));
        assertFalse(Files.exists(Path.of("/evil")));
    }

    @Test
    void theRootEntryIsReturnedNotApplied() throws IOException {
        Files.setPosixFilePermissions(tree, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Optional<LayerApplier.RootAttributes> root = apply(new LayerBuilder().dir("./", 0755).file("./a", "a"));
        assertEquals(0755, root.orElseThrow().mode());
        assertEquals("700", mode(""));
        applier.applyRoot(tree, root.get());
        assertEquals("755", mode(""));
    }

    @Test
    void zstdAndPlainLayersAreReadByTheirMediaType() throws IOException {
        LayerBuilder layer = new LayerBuilder().file("z", "zstd");
        applier.apply(new ByteArrayInputStream(layer.zstd()), MediaTypes.OCI_LAYER_ZSTD, tree, "zstd layer");
        assertEquals("zstd", read("z"));
        applier.apply(new ByteArrayInputStream(new LayerBuilder().file("p", "plain").tar()), MediaTypes.DOCKER_LAYER, tree, "tar layer");
        assertEquals("plain", read("p"));
        InstallerException unknown = assertThrows(InstallerException.class, () -> applier.apply(
                new ByteArrayInputStream(layer.tar()), "application/vnd.example.squashfs", tree, "odd layer"));
        assertTrue(unknown.getMessage().contains("application/vnd.example.squashfs"), unknown.getMessage());
    }

    @Test
    void aLayerEndingRightAfterItsLastEntrysDataIsRead() throws IOException {
        byte[] tar = new LayerBuilder().file("first", "1").file("last", "22").tar();
        // as umoci 0.4 insert writes it: no padding after the last data, no end-of-archive blocks
        byte[] cut = java.util.Arrays.copyOf(tar, tar.length - 2 * 512 - 510);
        applier.apply(new ByteArrayInputStream(cut), MediaTypes.OCI_LAYER, tree, "layer");
        assertEquals("22", read("last"));
        byte[] insideData = java.util.Arrays.copyOf(cut, cut.length - 1);
        assertThrows(InstallerException.class,
                () -> applier.apply(new ByteArrayInputStream(insideData), MediaTypes.OCI_LAYER, tree, "layer"));
    }

    @Test
    void aNameTheEnginesLocaleCannotWriteIsRefusedSayingWhichLocaleToUse() {
        // The file API encodes names with the locale the JVM started in: under LANG=C a UTF-8 name cannot be made.
        dev.cos.installer.process.CommandResult result = dev.cos.installer.testsupport.Tools.execute("env", "-i",
                "PATH=/usr/bin:/bin", "LC_ALL=C", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ApplyInLocale.class.getName(), tree.toString());
        assertTrue(result.stdout().contains("refused: layer 1 of test has the file name caf"), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("LANG=C.UTF-8"), result.stdout());
    }

    private String mode(String name) throws IOException {
        return Integer.toOctalString((Integer) Files.getAttribute(tree.resolve(name), "unix:mode") & 07777);
    }

    private byte[] xattr(String name, String attribute) {
        dev.cos.installer.process.CommandResult result = dev.cos.installer.testsupport.Tools.execute(
                "getfattr", "--absolute-names", "-e", "hex", "-h", "-n", attribute, tree.resolve(name).toString());
        assertEquals(0, result.exitCode(), result.stderr());
        String hex = result.stdout().lines().filter(l -> l.startsWith(attribute + "=0x")).findFirst().orElseThrow();
        return java.util.HexFormat.of().parseHex(hex.substring(attribute.length() + 3));
    }
}
