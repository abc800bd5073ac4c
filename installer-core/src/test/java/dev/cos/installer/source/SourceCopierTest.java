package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real copy: the same bytes, verified, and sparse where the source is zeros. */
class SourceCopierTest {

    @TempDir
    Path tmp;

    @Test
    void copiesEveryByteAndLeavesZerosUnwritten() throws IOException {
        // 8 MiB of zeros, some data, and trailing zeros: an ext image's free space looks like this.
        byte[] content = new byte[20 << 20];
        byte[] data = TarScannerTest.randomBytes(100_000);
        System.arraycopy(data, 0, content, 8 << 20, data.length);
        Path source = Files.write(tmp.resolve("rootfs.img"), content);
        Path copy = tmp.resolve("copy");

        SourceCopier.files().copyVerified(source, copy, TarScannerTest.sha256(source), ByteProgress.NONE);

        assertArrayEquals(content, Files.readAllBytes(copy));
        long allocatedBytes = Long.parseLong(Tools.run("stat", "-c", "%b", copy.toString()).strip()) * 512;
        assertTrue(allocatedBytes < 1 << 20, "sparse: " + allocatedBytes + " bytes allocated for 100 kB of data");
    }

    @Test
    void aCopyThatIsNotTheCheckedFileIsRefused() throws IOException {
        Path source = Files.writeString(tmp.resolve("rootfs.tar"), "rewritten");

        InstallerException e = assertThrows(InstallerException.class, () -> SourceCopier.files().copyVerified(source,
                tmp.resolve("copy"), "00".repeat(32), ByteProgress.NONE));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().startsWith("the source " + source + " changed after it was checked"), e.getMessage());
        assertTrue(e.details().orElseThrow().contains("sha256 checked: " + "00".repeat(32)), e.details().orElseThrow());
    }
}
