package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryScannerTest {

    @TempDir
    Path tmp;

    private Path root;
    private final SourceScanner scanner = new SourceScanner(command -> {
        throw new AssertionError("a directory scan runs no tools: " + command);
    });

    @BeforeEach
    void buildTree() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("etc/os-release"), "NAME=\"Demo OS\"\nVERSION_ID=3\n");
        Files.write(root.resolve("usr/bin/tool"), new byte[5000]);
        Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("/bin/bash"));
        // A link to a big tree outside: the scan must not follow it.
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.write(outside.resolve("huge"), new byte[1_000_000]);
        Files.createSymbolicLink(root.resolve("escape"), outside);
    }

    private SourceFacts scan() {
        return scanner.scan(new DirectorySource(root), ByteProgress.NONE);
    }

    @Test
    void measuringAPulledTreeGivesTheScansSizesWithoutReadingContent() throws IOException {
        SourceFacts scanned = scan();
        List<long[]> reports = new ArrayList<>();
        SourceFacts measured = scanner.measure(new DirectorySource(root), (done, total) -> reports.add(new long[] {done, total}));

        assertEquals(scanned.sourceBytes(), measured.sourceBytes());
        assertEquals(scanned.treeSize(), measured.treeSize());
        assertEquals(scanned.entryCount(), measured.entryCount());
        assertEquals(scanned.osRelease(), measured.osRelease());
        assertEquals(1, reports.size(), "no progress while reading files: none are read");
        // Same sizes, other bytes: a scan tells them apart, a measure (which reads no content) does not.
        Files.write(root.resolve("usr/bin/tool"), new byte[] {1}, java.nio.file.StandardOpenOption.WRITE);
        assertNotEquals(scanned.sha256(), scan().sha256());
        assertEquals(measured.sha256(), scanner.measure(new DirectorySource(root), ByteProgress.NONE).sha256());
    }

    @Test
    void measuresTheTreeWithoutFollowingSymlinks() {
        List<long[]> reports = new ArrayList<>();
        SourceFacts facts = scanner.scan(new DirectorySource(root), (done, total) -> reports.add(new long[] {done, total}));

        long osRelease = "NAME=\"Demo OS\"\nVERSION_ID=3\n".length();
        assertEquals("dir://" + root, facts.uri());
        assertEquals(osRelease + 5000, facts.sourceBytes());
        // etc, usr, usr/bin, sh, escape: five inodes of 4 KiB beside the two files
        assertEquals(osRelease + 5000 + 5 * 4096, facts.treeSize().bytes());
        assertEquals(7, facts.entryCount());
        assertEquals("Demo OS", facts.osRelease().orElseThrow().name().orElseThrow());
        long[] last = reports.get(reports.size() - 1);
        assertEquals(osRelease + 5000, last[0]);
        assertEquals(osRelease + 5000, last[1]);
    }

    @Test
    void theDigestIsStableAndIgnoresMtimes() throws IOException {
        String first = scan().sha256();
        Files.setLastModifiedTime(root.resolve("usr/bin/tool"), FileTime.fromMillis(0));

        assertEquals(first, scan().sha256());
    }

    @Test
    void theDigestChangesWithContent() throws IOException {
        String before = scan().sha256();
        byte[] changed = new byte[5000];
        changed[4999] = 1;
        Files.write(root.resolve("usr/bin/tool"), changed);

        assertNotEquals(before, scan().sha256());
    }

    @Test
    void theDigestChangesWithMode() throws IOException {
        String before = scan().sha256();
        Files.setPosixFilePermissions(root.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertNotEquals(before, scan().sha256());
    }

    @Test
    void theDigestChangesWithASymlinkTarget() throws IOException {
        String before = scan().sha256();
        Files.delete(root.resolve("usr/bin/sh"));
        Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("/bin/dash"));

        assertNotEquals(before, scan().sha256());
    }

    @Test
    void theDigestChangesWithARename() throws IOException {
        String before = scan().sha256();
        Files.move(root.resolve("usr/bin/tool"), root.resolve("usr/bin/tool2"));

        assertNotEquals(before, scan().sha256());
    }

    @Test
    void fallsBackToUsrLibOsRelease() throws IOException {
        Files.delete(root.resolve("etc/os-release"));
        Files.createDirectories(root.resolve("usr/lib"));
        Files.writeString(root.resolve("usr/lib/os-release"), "NAME=Vendor\n");
        Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));

        assertEquals("Vendor", scan().osRelease().orElseThrow().name().orElseThrow());
    }
}
