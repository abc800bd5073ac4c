package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
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

    /** The real copy, in one read of the source. */
    static SourceCopier files() {
        return (source, copy, expectedSha256, progress) -> {
            String copied;
            try (HashingInputStream in = HashingInputStream.open(source, progress);
                 OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
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
}
