package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.sys.CommandMounter;
import dev.cos.installer.sys.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpack command sequences and their cleanup, against a recording runner. */
class SourceUnpackerTest {

    @TempDir
    Path tmp;

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final SourceUnpacker unpacker = new SourceUnpacker(runner, new CommandMounter(runner));

    @Test
    void aDirectoryIsUsedInPlace() {
        CleanupStack cleanup = new CleanupStack();

        assertEquals(tmp, unpacker.unpack(new DirectorySource(tmp), tmp.resolve("work"), cleanup));
        assertTrue(runner.lines().isEmpty());
        assertTrue(cleanup.isEmpty());
    }

    @Test
    void aTarIsExtractedWithAllMetadataAndRemovedOnCleanup() {
        Path work = tmp.resolve("work");
        Path archive = tmp.resolve("rootfs.tar.zst");
        CleanupStack cleanup = new CleanupStack();

        Path tree = unpacker.unpack(new TarArchiveSource(archive, Compression.ZSTD), work, cleanup);

        assertEquals(work.resolve("tar-source"), tree);
        assertTrue(Files.isDirectory(tree));
        assertEquals(List.of("tar --extract --file " + archive + " --directory " + tree
                + " --numeric-owner --same-owner --preserve-permissions --xattrs '--xattrs-include=*' --acls --checkpoint=200 --checkpoint-action=echo=%u"), runner.lines());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + tree, runner.lines().get(1));
    }

    @Test
    void aFailedExtractionIsASourceErrorAndStillCleansUp() {
        runner.fail(List.of("tar"), 2, "tar: Unexpected EOF in archive");
        Path archive = tmp.resolve("rootfs.tar");
        CleanupStack cleanup = new CleanupStack();

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpacker.unpack(new TarArchiveSource(archive, Compression.NONE), tmp.resolve("work"), cleanup));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("extracting tar archive " + archive + " failed"), e.getMessage());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + tmp.resolve("work/tar-source"), runner.lines().get(1));
    }

    @Test
    void aSquashfsIsExtractedIntoADirectoryThatDoesNotExistYet() {
        Path image = tmp.resolve("root.squashfs");
        CleanupStack cleanup = new CleanupStack();

        Path tree = unpacker.unpack(new SquashfsSource(image), tmp.resolve("work"), cleanup);

        assertEquals(tmp.resolve("work/squashfs-source"), tree);
        assertFalse(Files.exists(tree), "unsquashfs creates it");
        assertEquals(List.of("unsquashfs -n -d " + tree + " " + image), runner.lines());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + tree, runner.lines().get(1));
    }

    @Test
    void aLeftoverTreeIsNotOverwritten() throws IOException {
        Files.createDirectories(tmp.resolve("work/squashfs-source"));

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpacker.unpack(new SquashfsSource(tmp.resolve("x.squashfs")), tmp.resolve("work"), new CleanupStack()));

        assertTrue(e.getMessage().contains("already holds " + tmp.resolve("work/squashfs-source")), e.getMessage());
        assertTrue(runner.lines().isEmpty());
    }

    @Test
    void anExtImageIsMountedReadOnlyAndUnmountedOnCleanup() {
        Path image = tmp.resolve("active.img");
        CleanupStack cleanup = new CleanupStack();

        Path tree = unpacker.unpack(new ExtImageSource(image), tmp.resolve("work"), cleanup);

        assertEquals(tmp.resolve("work/ext-source"), tree);
        assertEquals(List.of("mount -o ro,loop " + image + " " + tree), runner.lines());
        cleanup.unwind();
        assertEquals("umount " + tree, runner.lines().get(1));
        assertFalse(Files.exists(tree), "the mount point is removed after the unmount");
    }

    @Test
    void anExtImageThatWillNotMountIsAMountError() {
        runner.fail(List.of("mount"), 32, "mount: wrong fs type");
        CleanupStack cleanup = new CleanupStack();

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpacker.unpack(new ExtImageSource(tmp.resolve("a.img")), tmp.resolve("work"), cleanup));

        assertEquals(ErrorCode.MOUNT, e.code());
        cleanup.unwind();
        assertEquals(1, runner.lines().size(), "nothing to unmount");
        assertFalse(Files.exists(tmp.resolve("work/ext-source")));
    }

    @Test
    void tarCheckpointsBecomeBytesOfTheExpectedTotal() {
        java.util.List<long[]> updates = new java.util.ArrayList<>();
        var listener = SourceUnpacker.tarCheckpoints((done, total) -> updates.add(new long[] {done, total}), 5_000_000);
        listener.line("tar: 200");
        listener.line("tar: Removing leading `/' from member names");
        listener.line("tar: 600");
        assertEquals(2, updates.size());
        assertEquals(200 * 10240L, updates.get(0)[0]);
        assertEquals(5_000_000L, updates.get(1)[0], "never more than the expected total");
        assertEquals(5_000_000L, updates.get(1)[1]);
    }
}
