package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a file through a SHA-256 {@link DigestInputStream}, counting bytes and reporting progress.
 * Every byte of the file is digested whatever the reader above skips.
 */
final class HashingInputStream extends ObservedInputStream {

    private static final long REPORT_EVERY_BYTES = 1024 * 1024;

    private final MessageDigest digest;
    private final ByteProgress progress;
    private final long totalBytes;
    private long bytesRead;
    private long reportedAt;

    private HashingInputStream(InputStream in, MessageDigest digest, ByteProgress progress, long totalBytes) {
        super(new DigestInputStream(in, digest));
        this.digest = digest;
        this.progress = progress;
        this.totalBytes = totalBytes;
    }

    /** Opens {@code file}; progress totals are the file's size. */
    static HashingInputStream open(Path file, ByteProgress progress) throws IOException {
        return new HashingInputStream(Files.newInputStream(file), sha256(), progress, Files.size(file));
    }

    /** The SHA-256 of a whole file, in hex, with progress in bytes read. */
    static String sha256Of(Path file, ByteProgress progress) throws IOException {
        try (HashingInputStream in = open(file, progress)) {
            in.drain();
            return in.hexDigest();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    protected void observe(byte[] buffer, int offset, int length) {
        bytesRead += length;
        if (bytesRead - reportedAt >= REPORT_EVERY_BYTES) {
            reportedAt = bytesRead;
            progress.update(bytesRead, totalBytes);
        }
    }

    /** Reads the rest of the file, so the digest covers all of it. */
    @Override
    void drain() throws IOException {
        super.drain();
        progress.update(bytesRead, totalBytes);
    }

    long bytesRead() {
        return bytesRead;
    }

    /** The digest of everything read so far; call once, after {@link #drain}. */
    String hexDigest() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
