package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TarScannerTest {

    @TempDir
    Path tmp;

    private final SourceScanner scanner = new SourceScanner(command -> {
        throw new AssertionError("a tar scan runs no tools: " + command);
    });

    private static TarBuilder rootfs() {
        return new TarBuilder()
                .dir("./")
                .dir("./etc/")
                .file("./etc/os-release", "NAME=\"Demo OS\"\nVERSION_ID=1.2\nPRETTY_NAME='Demo OS 1.2'\n")
                .dir("./bin/")
                .file("./bin/prog", "0123456789")
                .hardLink("./bin/prog2", "./bin/prog")
                .symlink("./bin/sh", "/bin/bash")
                .symlink("./bin/release", "../etc/os-release");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void measuresEveryCompressionTheSame(Compression compression) throws IOException {
        Path file = rootfs().write(tmp.resolve("rootfs.bin"), compression);
        List<Long> reported = new ArrayList<>();
        ImageSource source = new SourceDetector().detect(file.toString());
        assertEquals(new TarArchiveSource(file, compression), source);

        SourceFacts facts = scanner.scan(source, (done, total) -> reported.add(done));

        assertEquals("file://" + file, facts.uri());
        assertEquals(sha256(file), facts.sha256());
        assertEquals(Files.size(file), facts.sourceBytes());
        assertEquals(Files.size(file), reported.get(reported.size() - 1), "progress ends at the file size");
        // etc, os-release, bin, prog, prog2, sh, release: the "./" root is not an entry
        assertEquals(7, facts.entryCount());
        long osReleaseBytes = "NAME=\"Demo OS\"\nVERSION_ID=1.2\nPRETTY_NAME='Demo OS 1.2'\n".length();
        assertEquals(osReleaseBytes + 10 + 5 * 4096, facts.treeSize().bytes());
        OsRelease release = facts.osRelease().orElseThrow();
        assertEquals("Demo OS", release.name().orElseThrow());
        assertEquals("1.2", release.versionId().orElseThrow());
        assertEquals("Demo OS 1.2", release.displayName());
    }

    @Test
    void fallsBackToUsrLibOsReleaseWhenEtcHasALink() throws IOException {
        Path file = new TarBuilder()
                .symlink("etc/os-release", "../usr/lib/os-release")
                .file("usr/lib/os-release", "NAME=Fallback\n")
                .write(tmp.resolve("a.tar"), Compression.NONE);

        SourceFacts facts = scanner.scan(new TarArchiveSource(file, Compression.NONE), ByteProgress.NONE);

        assertEquals("Fallback", facts.osRelease().orElseThrow().name().orElseThrow());
    }

    @Test
    void archiveWithoutOsReleaseHasNone() throws IOException {
        Path file = new TarBuilder().file("hello", "hi").write(tmp.resolve("a.tar"), Compression.NONE);

        assertTrue(scanner.scan(new TarArchiveSource(file, Compression.NONE), ByteProgress.NONE).osRelease().isEmpty());
    }

    @Test
    void refusesDotDotInAName() throws IOException {
        assertRefused(rootfs().file("../evil", "x"), "'../evil' has a '..' component");
    }

    @Test
    void refusesDotDotInTheMiddleOfAName() throws IOException {
        assertRefused(new TarBuilder().file("usr/../../evil", "x"), "'usr/../../evil' has a '..' component");
    }

    @Test
    void refusesDotSlashDotDot() throws IOException {
        assertRefused(new TarBuilder().dir("./../"), "'./../' has a '..' component");
    }

    @Test
    void refusesAnAbsoluteName() throws IOException {
        assertRefused(new TarBuilder().file("/etc/passwd", "x"), "'/etc/passwd' has an absolute name");
    }

    @Test
    void refusesDotDotInALongNameCarriedInAPaxHeader() throws IOException {
        String name = "d".repeat(120) + "/../../evil";
        assertRefused(new TarBuilder().file(name, "x"), "has a '..' component");
    }

    @Test
    void refusesAHardLinkWithDotDot() throws IOException {
        assertRefused(new TarBuilder().hardLink("bin/x", "../etc/shadow"), "'bin/x' is a hard link whose target has a '..'");
    }

    @Test
    void refusesAHardLinkToAnAbsoluteName() throws IOException {
        assertRefused(new TarBuilder().hardLink("bin/x", "/etc/shadow"), "'bin/x' is a hard link to an absolute name");
    }

    @Test
    void refusesASymlinkClimbingOutOfTheTree() throws IOException {
        assertRefused(new TarBuilder().symlink("usr/lib/escape", "../../../etc"), "'usr/lib/escape' is a symlink whose target");
    }

    @Test
    void refusesASymlinkToTheParentOfTheRoot() throws IOException {
        assertRefused(new TarBuilder().symlink("./up", ".."), "'./up' is a symlink");
    }

    @Test
    void acceptsAbsoluteSymlinksAndRelativeOnesThatStayInside() throws IOException {
        Path file = new TarBuilder()
                .symlink("bin/sh", "/bin/bash")
                .symlink("./etc/alternatives/x", "../../usr/bin/x")
                .symlink("usr/lib/a", "./b/../../share/c")
                .symlink("lib", "usr/lib")
                .write(tmp.resolve("ok.tar"), Compression.NONE);

        assertEquals(4, scanner.scan(new TarArchiveSource(file, Compression.NONE), ByteProgress.NONE).entryCount());
    }

    @Test
    void refusesAnArchiveTruncatedInsideAFile() throws IOException {
        byte[] tar = new TarBuilder().file("big", new byte[100_000]).file("after", "x").bytes();
        Path file = Files.write(tmp.resolve("cut.tar"), Arrays.copyOf(tar, 60_000));

        assertCorrupt(new TarArchiveSource(file, Compression.NONE), "(at entry 'big'): Truncated TAR archive");
    }

    @Test
    void refusesAnArchiveTruncatedAtAnEntryBoundary() throws IOException {
        byte[] tar = new TarBuilder().file("a", "x").file("b", "y").bytes();
        // header + one data block of "a": the tar reader alone would see a clean end here
        Path file = Files.write(tmp.resolve("cut.tar"), Arrays.copyOf(tar, 1024));

        assertCorrupt(new TarArchiveSource(file, Compression.NONE), "the end-of-archive marker is missing");
    }

    @Test
    void refusesATruncatedGzipArchive() throws IOException {
        Path whole = new TarBuilder().file("data", randomBytes(200_000)).write(tmp.resolve("a.tar.gz"), Compression.GZIP);
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        assertCorrupt(new TarArchiveSource(file, Compression.GZIP), "(at entry 'data'): the data ends too early (the file is truncated)");
    }

    @Test
    void refusesGarbageBehindAGzipHeader() throws IOException {
        byte[] bytes = randomBytes(4096);
        bytes[0] = 0x1f;
        bytes[1] = (byte) 0x8b;
        bytes[2] = 8;
        bytes[3] = 0;
        Path file = Files.write(tmp.resolve("garbage.tar.gz"), bytes);

        assertCorrupt(new TarArchiveSource(file, Compression.GZIP), "is corrupt or truncated");
        InstallerException e = assertThrows(InstallerException.class, () -> new SourceDetector().detect(file.toString()));
        assertEquals(ErrorCode.SOURCE, e.code());
    }

    @Test
    void refusesAHeaderWithABadChecksum() throws IOException {
        byte[] tar = new TarBuilder().file("a", "x").file("b", "y").bytes();
        tar[1024 + 10] = 'Z'; // in the name field of the second header, after the NUL that ends "b"
        Path file = Files.write(tmp.resolve("bad.tar"), tar);

        assertCorrupt(new TarArchiveSource(file, Compression.NONE), "(at entry 'b'): its header checksum is wrong");
    }

    private void assertRefused(TarBuilder archive, String expected) throws IOException {
        Path file = archive.write(tmp.resolve("evil.tar"), Compression.NONE);
        InstallerException e = assertThrows(InstallerException.class,
                () -> scanner.scan(new TarArchiveSource(file, Compression.NONE), ByteProgress.NONE));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("archive " + file + " is refused"), e.getMessage());
    }

    private void assertCorrupt(TarArchiveSource source, String expected) {
        InstallerException e = assertThrows(InstallerException.class, () -> scanner.scan(source, ByteProgress.NONE));
        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("archive " + source.path() + " is corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(JAVA_CLASS_NAME.matcher(e.getMessage()).find(), "says what is wrong in words: " + e.getMessage());
    }

    /** EOFException, java.util.zip.ZipException, IllegalArgumentException ... */
    private static final java.util.regex.Pattern JAVA_CLASS_NAME = java.util.regex.Pattern.compile("[A-Za-z]+(Exception|Error)\\b|java\\.");

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.util.Random(42).nextBytes(bytes);
        return bytes;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
