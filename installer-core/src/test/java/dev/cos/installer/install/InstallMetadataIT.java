package dev.cos.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.GptDisk;
import dev.cos.installer.testsupport.RootTreeFixture;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.testsupport.TreeComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lands in active.img, passive.img and the recovery squashfs equals the source, metadata
 * included: owners, modes, links, devices, FIFOs, mtimes, xattrs and capabilities. The images are
 * read back through the kernel (read-only loop mounts this test attaches and releases by name).
 */
class InstallMetadataIT {

    /** Added by the install (runtime directories) or by mkfs (lost+found): not part of the source. */
    private static final String[] ADDED = {"lost+found", "run", "boot", "oem", "proc", "sys", "usr/local"};

    @TempDir
    Path temp;

    private Path tree;
    private final Deque<String[]> teardown = new ArrayDeque<>();

    @BeforeEach
    void buildTree() throws IOException {
        tree = RootTreeFixture.build(temp.resolve("tree"), "NAME=\"Meta OS\"\nVERSION_ID=3\n");
    }

    @AfterEach
    void releaseWhatThisTestAttached() {
        while (!teardown.isEmpty()) {
            Tools.execute(teardown.pop());
        }
    }

    @Test
    void treeFromATarXzArrivesWithAllItsMetadata() {
        Path archive = temp.resolve("rootfs.tar.xz");
        Tools.run("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-cJf", archive.toString(), "-C",
                tree.toString(), ".");
        installAndCompare(archive.toString());
    }

    @Test
    void treeFromADirectoryArrivesWithAllItsMetadata() {
        installAndCompare(tree.toString());
    }

    @Test
    void treeFromASquashfsArrivesWithAllItsMetadata() {
        Path squashfs = temp.resolve("rootfs.squashfs");
        Tools.run("mksquashfs", tree.toString(), squashfs.toString(), "-noappend", "-quiet");
        installAndCompare(squashfs.toString());
    }

    @Test
    void treeFromAnExtImageArrivesWithAllItsMetadata() {
        Path ext = temp.resolve("rootfs.ext4");
        Tools.run("mkfs.ext4", "-q", "-d", tree.toString(), ext.toString(), "64M");
        installAndCompare(ext.toString());
    }

    private void installAndCompare(String source) {
        Path image = temp.resolve("disk.img");
        Cli.Result result = Cli.run("install", "--target", image.toString(), "--size", "4G", "--source", source);
        assertEquals(0, result.exitCode(), result::toString);

        GptDisk disk = GptDisk.read(image);
        Path state = mountPartition(disk, "state");
        Path recovery = mountPartition(disk, "recovery");
        TreeComparator comparator = new TreeComparator().ignoring(ADDED);
        comparator.assertSameTree(tree, mountReadOnly(state.resolve("cOS/active.img"), "active"));
        comparator.assertSameTree(tree, mountReadOnly(state.resolve("cOS/passive.img"), "passive"));
        comparator.assertSameTree(tree, mountReadOnly(recovery.resolve("cOS/recovery.squashfs"), "recovery"));
    }

    /** Attaches one partition of the image read-only (a loop with offset) and mounts it read-only. */
    private Path mountPartition(GptDisk disk, String name) {
        GptDisk.Entry entry = disk.byName(name);
        String loop = Tools.run("losetup", "--find", "--show", "--read-only", "--offset", Long.toString(entry.offsetBytes()),
                "--sizelimit", Long.toString(entry.sizeBytes()), disk.image().toString()).strip();
        teardown.push(new String[] {"losetup", "--detach", loop});
        return mountReadOnly(Path.of(loop), name + "-partition");
    }

    private Path mountReadOnly(Path source, String name) {
        try {
            Path mountPoint = Files.createDirectories(temp.resolve("mnt-" + name));
            String device = source.toString();
            if (!device.startsWith("/dev/")) {
                device = Tools.run("losetup", "--find", "--show", "--read-only", device).strip();
                teardown.push(new String[] {"losetup", "--detach", device});
            }
            Tools.run("mount", "-o", "ro", device, mountPoint.toString());
            teardown.push(new String[] {"umount", mountPoint.toString()});
            return mountPoint;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
