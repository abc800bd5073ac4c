package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.ProcessCommandRunner;
import dev.cos.installer.testsupport.RootTreeFixture;
import dev.cos.installer.testsupport.TreeComparator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root: a tree with everything a root filesystem holds, packed with the real tools into every
 * source kind, scanned, unpacked, and compared with the original.
 */
class SourceRoundTripIT {

    private static final String OS_RELEASE = "NAME=\"Round Trip OS\"\nVERSION_ID=\"4.2\"\nPRETTY_NAME=\"Round Trip OS 4.2\"\n";

    @TempDir
    static Path shared;

    private static Path tree;
    private static final CommandRunner RUNNER = new ProcessCommandRunner();

    @TempDir
    Path tmp;

    private final SourceDetector detector = new SourceDetector();
    private final SourceScanner scanner = new SourceScanner(RUNNER);
    private final SourceUnpacker unpacker = new SourceUnpacker(RUNNER, new CommandMounter(RUNNER));

    @BeforeAll
    static void buildTree() throws IOException {
        tree = RootTreeFixture.build(shared.resolve("tree"), OS_RELEASE);
    }

    private static void run(String... argv) {
        RUNNER.run(argv);
    }

    @Test
    void plainTar() {
        roundTrip(packTar("rootfs.tar", "-cf"), Compression.NONE);
    }

    @Test
    void gzipTar() {
        roundTrip(packTar("rootfs.tar.gz", "-czf"), Compression.GZIP);
    }

    @Test
    void xzTar() {
        roundTrip(packTar("rootfs.tar.xz", "-cJf"), Compression.XZ);
    }

    @Test
    void zstdTar() {
        roundTrip(packTar("rootfs.tar.zst", "--zstd", "-cf"), Compression.ZSTD);
    }

    @Test
    void squashfs() {
        Path image = tmp.resolve("rootfs.squashfs");
        run("mksquashfs", tree.toString(), image.toString(), "-noappend", "-quiet");
        ImageSource source = detector.detect(image.toString());
        assertEquals(new SquashfsSource(image), source);
        SourceFacts facts = scanAndCheck(source);
        assertEquals(entriesOfTree(), facts.entryCount());
        unpackAndCompare(source, facts, new TreeComparator());
    }

    @Test
    void extImage() {
        Path image = tmp.resolve("rootfs.ext2");
        run("truncate", "-s", "32M", image.toString());
        run("mkfs.ext2", "-q", "-d", tree.toString(), image.toString());
        ImageSource source = detector.detect(image.toString());
        assertEquals(new ExtImageSource(image), source);
        SourceFacts facts = scanAndCheck(source);
        // inodes, not names: the hard link shares one; lost+found is one more
        assertEquals(entriesOfTree() - 1 + 1, facts.entryCount());
        unpackAndCompare(source, facts, new TreeComparator().ignoring("lost+found"));
        String loops = RUNNER.run("losetup", "--associated", image.toString()).stdout();
        assertTrue(loops.isBlank(), "the loop device went with the unmount: " + loops);
    }

    @Test
    void aDirectoryIsUsedAsItIs() {
        ImageSource source = detector.detect("dir://" + tree);
        SourceFacts facts = scanner.scan(source, ByteProgress.NONE);
        assertEquals(entriesOfTree(), facts.entryCount());
        assertEquals("Round Trip OS 4.2", facts.osRelease().orElseThrow().displayName());
        try (CleanupStack cleanup = new CleanupStack()) {
            assertEquals(tree, unpacker.unpack(source, facts, tmp.resolve("work"), cleanup, ByteProgress.NONE));
        }
        assertTrue(Files.exists(tree.resolve("usr/bin/prog")), "a directory source is never removed");
    }

    private Path packTar(String name, String... createFlags) {
        Path archive = tmp.resolve(name);
        List<String> argv = new ArrayList<>(List.of("tar", "--xattrs", "--xattrs-include=*", "--numeric-owner"));
        argv.addAll(List.of(createFlags));
        argv.addAll(List.of(archive.toString(), "-C", tree.toString(), "."));
        RUNNER.run(Command.of(argv));
        return archive;
    }

    private void roundTrip(Path archive, Compression compression) {
        ImageSource source = detector.detect(archive.toString());
        assertEquals(new TarArchiveSource(archive, compression), source);
        SourceFacts facts = scanAndCheck(source);
        assertEquals(entriesOfTree(), facts.entryCount());
        assertEquals("Round Trip OS 4.2", facts.osRelease().orElseThrow().displayName());
        unpackAndCompare(source, facts, new TreeComparator());
    }

    private SourceFacts scanAndCheck(ImageSource source) {
        long[] last = new long[2];
        SourceFacts facts = scanner.scan(source, (done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        try {
            assertEquals(TarScannerTest.sha256(source.path()), facts.sha256());
            assertEquals(Files.size(source.path()), facts.sourceBytes());
            assertEquals(Files.size(source.path()), last[0], "progress reaches the end of the file");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // at least prog's bytes (counted once or, in a squashfs listing, once per name) and 4 KiB an inode
        assertTrue(facts.treeSize().bytes() >= 300_000 + 8 * 4096, facts.treeSize().human());
        return facts;
    }

    private void unpackAndCompare(ImageSource source, SourceFacts facts, TreeComparator comparator) {
        Path work = tmp.resolve("work");
        Path unpacked;
        try (CleanupStack cleanup = new CleanupStack()) {
            unpacked = unpacker.unpack(source, facts, work, cleanup, ByteProgress.NONE);
            comparator.assertSameTree(tree, unpacked);
        }
        assertFalse(Files.exists(unpacked), "cleanup removed " + unpacked);
    }

    /** Names below the root of the original tree. */
    private static long entriesOfTree() {
        try (var walk = Files.walk(tree)) {
            return walk.count() - 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
