package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Squashfs and ext scans against recorded tool answers (fixtures captured from real runs). */
class FilesystemImageScannerTest {

    @TempDir
    Path tmp;

    @Test
    void scansASquashfsFromItsListing() throws IOException {
        Path file = Files.write(tmp.resolve("root.squashfs"), new byte[3000]);
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer(List.of("unsquashfs", "-lls"), Fixtures.read("unsquashfs-lls.txt"));

        SourceFacts facts = new SourceScanner(runner).scan(new SquashfsSource(file), ByteProgress.NONE);

        assertEquals(List.of("unsquashfs -s " + file, "unsquashfs -lls -n " + file), runner.lines());
        assertEquals(20034 + 8 * 4096, facts.treeSize().bytes());
        assertEquals(12, facts.entryCount());
        assertEquals(3000, facts.sourceBytes());
        assertEquals(TarScannerTest.sha256(file), facts.sha256());
        assertEquals("file://" + file, facts.uri());
    }

    @Test
    void refusesASquashfsUnsquashfsCannotRead() throws IOException {
        Path file = Files.write(tmp.resolve("root.squashfs"), new byte[3000]);
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .fail(List.of("unsquashfs", "-s"), 1, "Can't find a SQUASHFS superblock on " + file);

        InstallerException e = assertThrows(InstallerException.class,
                () -> new SourceScanner(runner).scan(new SquashfsSource(file), ByteProgress.NONE));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertEquals(file + " is not a readable squashfs: Can't find a SQUASHFS superblock on " + file
                + ". Build it again with mksquashfs.", e.getMessage());
    }

    @Test
    void scansAnExtImageFromItsSuperblock() throws IOException {
        Path file = Files.write(tmp.resolve("active.img"), new byte[2048]);
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .answer(List.of("dumpe2fs", "-h"), Fixtures.read("dumpe2fs-h.txt"));

        SourceFacts facts = new SourceScanner(runner).scan(new ExtImageSource(file), ByteProgress.NONE);

        assertEquals(List.of("e2fsck -fn " + file, "dumpe2fs -h " + file), runner.lines());
        assertEquals(30 * 1024 + 12 * 4096, facts.treeSize().bytes());
        assertEquals(12, facts.entryCount());
        assertEquals(2048, facts.sourceBytes());
    }

    @Test
    void refusesAnExtImageWithErrors() throws IOException {
        Path file = Files.write(tmp.resolve("active.img"), new byte[2048]);
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .fail(List.of("e2fsck"), 4, "Inode 12 has illegal block(s).");

        InstallerException e = assertThrows(InstallerException.class,
                () -> new SourceScanner(runner).scan(new ExtImageSource(file), ByteProgress.NONE));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("ext image " + file + " is not clean (e2fsck -fn exited with 4)"), e.getMessage());
        assertTrue(e.details().orElseThrow().contains("Inode 12 has illegal block(s)."));
    }
}
