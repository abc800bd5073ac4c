package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies a source file into the private work directory and proves the copy holds the bytes the
 * scan checked. Behind an interface so a plan (a dry run) lists the copy instead of making it.
 */
@FunctionalInterface
public interface SourceCopier {

    /**
     * Copies {@code source} to {@code copy} (which must not exist), hashing the bytes as they are
     * written, and refuses the copy unless their SHA-256 is {@code expectedSha256}.
     *
     * @param progress bytes copied of the source's size
     * @throws InstallerException SOURCE when the file cannot be read or copied, or changed since the scan
     */
    void copyVerified(Path source, Path copy, String expectedSha256, ByteProgress progress);

    /**
     * The real copy, in one read of the source. Blocks of zeros are skipped, not written, so the copy
     * of an ext image is as sparse as its free space (the copy waits on COS_STATE beside the tree and
     * the images being built).
     */
    static SourceCopier files() {
        return (source, copy, expectedSha256, progress) -> {
            String copied;
            try (HashingInputStream in = HashingInputStream.open(source, progress);
                 FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeSparse(in, out);
                in.drain();
                copied = in.hexDigest();
            } catch (IOException e) {
                throw new InstallerException(ErrorCode.SOURCE, "cannot copy " + source + " to " + copy + ": "
                        + FailureWords.describe(e) + ". Check that the source is readable and the disk has room.",
                        e.toString(), e);
            }
            if (!copied.equals(expectedSha256)) {
                throw new InstallerException(ErrorCode.SOURCE, "the source " + source + " changed after it was checked:"
                        + " nothing was built from it. Make sure nothing writes to it, and start again.",
                        "sha256 checked: " + expectedSha256 + "\nsha256 copied: " + copied);
            }
        };
    }

    private static void writeSparse(InputStream in, FileChannel out) throws IOException {
        byte[] block = new byte[64 * 1024];
        long length = 0;
        int n;
        while ((n = in.readNBytes(block, 0, block.length)) > 0) {
            if (isZero(block, n)) {
                out.position(length + n);
            } else {
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            length += n;
        }
        // Trailing zeros were skipped: the last byte gives the copy its full length.
        if (out.size() < length) {
            out.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
    }

    private static boolean isZero(byte[] block, int length) {
        for (int i = 0; i < length; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
