package dev.cos.installer.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that shows every byte passing through to {@link #observe}. Skips are done by reading,
 * so a reader above that skips (tar padding, unread entries) cannot hide bytes from it.
 */
abstract class ObservedInputStream extends FilterInputStream {

    ObservedInputStream(InputStream in) {
        super(in);
    }

    /** Called with each chunk read, in order. */
    protected abstract void observe(byte[] buffer, int offset, int length);

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            observe(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (got < 0) {
                break;
            }
            skipped += got;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads to the end of the stream. */
    void drain() throws IOException {
        skip(Long.MAX_VALUE);
    }
}
