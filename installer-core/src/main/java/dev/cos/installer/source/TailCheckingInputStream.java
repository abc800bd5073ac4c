package dev.cos.installer.source;

import java.io.InputStream;

/**
 * Watches the decompressed tar stream so the scan can tell a complete archive (which ends in
 * zero blocks) from one cut at an entry boundary, which the tar reader takes for a normal end.
 */
final class TailCheckingInputStream extends ObservedInputStream {

    private static final int BLOCK = 512;

    private final byte[] lastBlock = new byte[BLOCK];
    private long bytesRead;

    TailCheckingInputStream(InputStream in) {
        super(in);
    }

    /** Whether the stream was whole 512-byte blocks ending with an all-zero block. */
    boolean endsWithEndOfArchiveMarker() {
        if (bytesRead == 0 || bytesRead % BLOCK != 0) {
            return false;
        }
        for (byte b : lastBlock) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    // lastBlock holds the bytes of the stream's current last (possibly partial) block, aligned.
    @Override
    protected void observe(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            lastBlock[(int) ((bytesRead + i) % BLOCK)] = buffer[offset + i];
        }
        bytesRead += length;
    }
}
