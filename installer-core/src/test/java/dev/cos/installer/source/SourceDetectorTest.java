package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SourceDetectorTest {

    @TempDir
    Path tmp;

    private final SourceDetector detector = new SourceDetector();

    @ParameterizedTest
    @EnumSource(Compression.class)
    void detectsTarByContentWhateverItsName(Compression compression) throws IOException {
        Path file = new TarBuilder().file("etc/hostname", "demo\n").write(tmp.resolve("rootfs.bin"), compression);

        ImageSource source = detector.detect(file.toString());

        assertEquals(new TarArchiveSource(file, compression), source);
        assertEquals("file://" + file, source.uri());
    }

    @Test
    void detectsSquashfsByItsLittleEndianMagic() throws IOException {
        Path file = Files.write(tmp.resolve("image.tar.gz"), header(0, new byte[] {'h', 's', 'q', 's'}));

        assertEquals(new SquashfsSource(file), detector.detect(file.toString()));
    }

    @Test
    void detectsAnExtImageByItsSuperblockMagic() throws IOException {
        Path file = Files.write(tmp.resolve("active.squashfs"), header(1080, new byte[] {0x53, (byte) 0xEF}));

        assertEquals(new ExtImageSource(file), detector.detect(file.toString()));
    }

    @Test
    void detectsADirectoryGivenAsPathOrUri() throws IOException {
        assertEquals(new DirectorySource(tmp), detector.detect(tmp.toString()));
        ImageSource fromUri = detector.detect("dir://" + tmp);
        assertEquals(new DirectorySource(tmp), fromUri);
        assertEquals("dir://" + tmp, fromUri.uri());
    }

    @Test
    void acceptsAFileUri() throws IOException {
        Path file = new TarBuilder().file("a", "b").write(tmp.resolve("a.tar"), Compression.NONE);

        assertEquals(new TarArchiveSource(file, Compression.NONE), detector.detect("file://" + file));
    }

    @Test
    void aMissingPathSaysWhatToGive() {
        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect("/x/does-not-exist"));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertEquals("source /x/does-not-exist does not exist: give a directory, a tar archive (plain or compressed with gzip,"
                + " xz, zstd or bzip2), a squashfs or an ext image, or a container image (oci:REF, docker:REF, oci-dir:PATH,"
                + " oci-archive:FILE)", e.getMessage());
    }

    @Test
    void anUnknownFormatListsTheAcceptedOnes() throws IOException {
        Path file = Files.writeString(tmp.resolve("rootfs.tar"), "just some text, not an archive\n".repeat(100));

        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect(file.toString()));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("source " + file + " is not in a format the installer reads: give a directory,"),
                e.getMessage());
        assertTrue(e.getMessage().contains("squashfs or an ext image"), e.getMessage());
    }

    @Test
    void aCompressedFileWithoutATarInsideIsRefused() throws IOException {
        Path file = tmp.resolve("notes.gz");
        try (var out = TarBuilder.compress(Files.newOutputStream(file), Compression.GZIP)) {
            out.write("plain text compressed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect(file.toString()));

        assertTrue(e.getMessage().contains("is gzip-compressed but does not hold a tar archive"), e.getMessage());
    }

    @Test
    void aDockerArchiveSaysHowToConvertIt() {
        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect("docker-archive:/srv/img.tar"));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("skopeo copy docker-archive:FILE oci-archive:FILE.tar"), e.getMessage());
    }

    @Test
    void aDirUriMustNameADirectory() throws IOException {
        Path file = new TarBuilder().file("a", "b").write(tmp.resolve("a.tar"), Compression.NONE);

        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect("dir://" + file));

        assertTrue(e.getMessage().contains("not a directory: write it as file://" + file), e.getMessage());
    }

    @Test
    void aFileUriMustNameAFile() {
        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect("file://" + tmp));

        assertTrue(e.getMessage().contains("names a directory, not a file: write it as dir://" + tmp), e.getMessage());
    }

    @Test
    void otherSchemesAreRefused() {
        InstallerException e = assertThrows(InstallerException.class, () -> detector.detect("https://example.com/rootfs.tar"));

        assertTrue(e.getMessage().contains("uses a scheme the installer does not read"), e.getMessage());
    }

    @Test
    void aRelativePathBecomesAbsolute() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path dir = Files.createTempDirectory(cwd.resolve("target"), "detect");
        try {
            assertEquals(new DirectorySource(dir), detector.detect(cwd.relativize(dir).toString()));
        } finally {
            Files.delete(dir);
        }
    }

    private static byte[] header(int offset, byte[] magic) {
        byte[] bytes = new byte[8192];
        System.arraycopy(magic, 0, bytes, offset, magic.length);
        return bytes;
    }
}
