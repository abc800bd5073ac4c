package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpack command sequences and their cleanup, against a recording runner. */
class SourceUnpackerTest {

    @TempDir
    Path tmp;

    private static final SourceFacts SCANNED = new SourceFacts("file:///rootfs", "ab".repeat(32), 1000,
            ByteSize.ofMiB(1), 3, Optional.empty());

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final List<String> copies = new java.util.ArrayList<>();
    private final SourceUnpacker unpacker = new SourceUnpacker(runner, new CommandMounter(runner),
            (source, copy, sha256, progress) -> copies.add(source + " -> " + copy + " " + sha256));

    private Path unpack(ImageSource source, Path work, CleanupStack cleanup) {
        return unpacker.unpack(source, SCANNED, work, cleanup, ByteProgress.NONE);
    }

    @Test
    void aDirectoryIsUsedInPlace() {
        CleanupStack cleanup = new CleanupStack();

        assertEquals(tmp, unpack(new DirectorySource(tmp), tmp.resolve("work"), cleanup));
        assertTrue(runner.lines().isEmpty());
        assertTrue(cleanup.isEmpty());
    }

    @Test
    void aTarIsExtractedWithAllMetadataAndRemovedOnCleanup() {
        Path work = tmp.resolve("work");
        Path archive = tmp.resolve("rootfs.tar.zst");
        CleanupStack cleanup = new CleanupStack();
        List<String> workDirWhileExtracting = new java.util.ArrayList<>();
        runner.on(c -> c.program().equals("tar"), c -> {
            workDirWhileExtracting.add(modeAndOwner(work));
            return new dev.cos.installer.process.CommandResult(c, 0, "", "");
        });

        Path tree = unpack(new TarArchiveSource(archive, Compression.ZSTD), work, cleanup);

        assertEquals(List.of("rwx------ root"), workDirWhileExtracting, "setuid programs and devices are unpacked where only root reaches");

        assertEquals(work.resolve("tar-source"), tree);
        assertTrue(Files.isDirectory(tree));
        assertEquals(List.of(archive + " -> " + work.resolve("source") + " " + SCANNED.sha256()), copies,
                "the archive is copied into the work directory and checked first");
        assertEquals(List.of("tar --extract --file " + work.resolve("source") + " --directory " + tree
                + " --numeric-owner --same-owner --preserve-permissions --xattrs '--xattrs-include=*' --acls --checkpoint=200 --checkpoint-action=echo=%u"), runner.lines());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + work, runner.lines().get(1));
    }

    /** Under a umask that would leave it readable by others too. */
    @Test
    void theWorkDirectoryIsRootOnlyWhateverItsParent() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("state"));
        Files.setPosixFilePermissions(parent, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path work = parent.resolve("work");
        List<String> seen = new java.util.ArrayList<>();
        runner.on(c -> c.program().equals("unsquashfs"), c -> {
            seen.add(modeAndOwner(work));
            return new dev.cos.installer.process.CommandResult(c, 0, "", "");
        });

        unpack(new SquashfsSource(tmp.resolve("root.squashfs")), work, new CleanupStack());

        assertEquals(List.of("rwx------ root"), seen);
    }

    private static String modeAndOwner(Path dir) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) + " " + Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFailedExtractionIsASourceErrorAndStillCleansUp() {
        runner.fail(List.of("tar"), 2, "tar: Unexpected EOF in archive");
        Path archive = tmp.resolve("rootfs.tar");
        CleanupStack cleanup = new CleanupStack();

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpack(new TarArchiveSource(archive, Compression.NONE), tmp.resolve("work"), cleanup));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("extracting tar archive " + archive + " failed"), e.getMessage());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + tmp.resolve("work"), runner.lines().get(1));
    }

    @Test
    void aSquashfsIsExtractedIntoADirectoryThatDoesNotExistYet() {
        Path image = tmp.resolve("root.squashfs");
        CleanupStack cleanup = new CleanupStack();

        Path tree = unpack(new SquashfsSource(image), tmp.resolve("work"), cleanup);

        assertEquals(tmp.resolve("work/squashfs-source"), tree);
        assertFalse(Files.exists(tree), "unsquashfs creates it");
        assertEquals(List.of("unsquashfs -n -d " + tree + " " + tmp.resolve("work/source")), runner.lines());
        cleanup.unwind();
        assertEquals("rm -rf --one-file-system -- " + tmp.resolve("work"), runner.lines().get(1));
    }

    @Test
    void aLeftoverWorkDirectoryIsNotReused() throws IOException {
        Files.createDirectories(tmp.resolve("work/squashfs-source"));

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpack(new SquashfsSource(tmp.resolve("x.squashfs")), tmp.resolve("work"), new CleanupStack()));

        assertTrue(e.getMessage().contains("the work directory " + tmp.resolve("work") + " already exists"), e.getMessage());
        assertTrue(runner.lines().isEmpty());
    }

    @Test
    void anExtImageIsMountedReadOnlyNosuidNodevNoexecAndUnmountedOnCleanup() {
        Path image = tmp.resolve("active.img");
        CleanupStack cleanup = new CleanupStack();

        Path tree = unpack(new ExtImageSource(image), tmp.resolve("work"), cleanup);

        assertEquals(tmp.resolve("work/ext-source"), tree);
        assertEquals(List.of("mount -o ro,nosuid,nodev,noexec,loop " + tmp.resolve("work/source") + " " + tree), runner.lines());
        cleanup.unwind();
        assertEquals(List.of("umount " + tree, "rm -rf --one-file-system -- " + tmp.resolve("work")),
                runner.lines().subList(1, 3), "unmounted before the work directory and its mount point are removed");
    }

    @Test
    void anExtImageThatWillNotMountIsAMountError() {
        runner.fail(List.of("mount"), 32, "mount: wrong fs type");
        CleanupStack cleanup = new CleanupStack();

        InstallerException e = assertThrows(InstallerException.class,
                () -> unpack(new ExtImageSource(tmp.resolve("a.img")), tmp.resolve("work"), cleanup));

        assertEquals(ErrorCode.MOUNT, e.code());
        cleanup.unwind();
        assertEquals(List.of("rm -rf --one-file-system -- " + tmp.resolve("work")), runner.lines().subList(1, runner.lines().size()),
                "nothing to unmount");
    }

    /** The file was rewritten after its scan: the copy's digest differs, and nothing is extracted. */
    @Test
    void aSourceChangedAfterItsScanIsRefusedBeforeAnythingIsExtracted() throws IOException {
        Path archive = Files.writeString(tmp.resolve("rootfs.tar"), "the bytes the scan read");
        SourceFacts scanned = new SourceFacts(archive.toUri().toString(), TarScannerTest.sha256(archive), 23, ByteSize.ofMiB(1),
                1, Optional.empty());
        Files.writeString(archive, "other bytes, written after the scan");
        SourceUnpacker real = new SourceUnpacker(runner, new CommandMounter(runner));
        CleanupStack cleanup = new CleanupStack();

        InstallerException e = assertThrows(InstallerException.class, () -> real.unpack(new TarArchiveSource(archive,
                Compression.NONE), scanned, tmp.resolve("work"), cleanup, ByteProgress.NONE));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertEquals("the source " + archive + " changed after it was checked: nothing was built from it. Make sure nothing"
                + " writes to it, and start again.", e.getMessage());
        assertEquals(List.of(), runner.lines(), "tar never ran");
        cleanup.unwind();
        assertEquals(List.of("rm -rf --one-file-system -- " + tmp.resolve("work")), runner.lines());
    }

    /** tar reads the private copy, which holds the scanned bytes; it is removed once the tree is out. */
    @Test
    void tarReadsTheCopyWhichIsRemovedOnceTheTreeIsOut() throws IOException {
        Path archive = Files.write(tmp.resolve("rootfs.tar"), TarScannerTest.randomBytes(300_000));
        SourceFacts scanned = new SourceFacts(archive.toUri().toString(), TarScannerTest.sha256(archive), 300_000,
                ByteSize.ofMiB(1), 1, Optional.empty());
        Path copy = tmp.resolve("work/source");
        List<String> copyWhileExtracting = new java.util.ArrayList<>();
        runner.on(c -> c.program().equals("tar"), c -> {
            try {
                copyWhileExtracting.add(TarScannerTest.sha256(copy));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new dev.cos.installer.process.CommandResult(c, 0, "", "");
        });
        List<long[]> updates = new java.util.ArrayList<>();

        new SourceUnpacker(runner, new CommandMounter(runner)).unpack(new TarArchiveSource(archive, Compression.NONE), scanned,
                tmp.resolve("work"), new CleanupStack(), (done, total) -> updates.add(new long[] {done, total}));

        assertEquals(List.of(scanned.sha256()), copyWhileExtracting);
        assertEquals("tar --extract --file " + copy, String.join(" ", runner.commands().get(0).argv().subList(0, 4)));
        assertFalse(Files.exists(copy), "its room is free for the images");
        long[] last = updates.get(updates.size() - 1);
        assertEquals(300_000, last[0], "the copy is the first part of the unpack's progress");
        assertEquals(300_000 + ByteSize.ofMiB(1).bytes(), last[1]);
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
