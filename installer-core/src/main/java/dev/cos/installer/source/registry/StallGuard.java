package dev.cos.installer.source.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives up a blob transfer that receives nothing for the idle timeout: java.net.http's request timeout
 * covers only the wait for the headers, and a body that stalls would block its reader for ever. A timer
 * closes the stalled stream, which wakes the reader with an IOException; {@link
 * dev.cos.installer.source.oci.BlobStreams} then resumes the blob at the offset reached.
 */
final class StallGuard {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "registry-stall-guard");
        thread.setDaemon(true);
        return thread;
    });

    private StallGuard() {
    }

    /** {@code body}, closed and failed with "nothing received for N s" when one read waits longer than {@code idle}. */
    static InputStream guard(InputStream body, Duration idle) {
        return new Guarded(body, idle);
    }

    private static final class Guarded extends FilterInputStream {

        private final Duration idle;
        private final ScheduledFuture<?> check;
        private volatile long readSince;  // System.nanoTime() when the read now waiting began; 0 when none waits
        private volatile boolean stalled;

        Guarded(InputStream body, Duration idle) {
            super(body);
            this.idle = idle;
            long period = Math.max(10, idle.toMillis() / 4);
            this.check = TIMER.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        }

        private void checkIdle() {
            long since = readSince;
            if (since != 0 && System.nanoTime() - since > idle.toNanos()) {
                stalled = true;
                check.cancel(false);
                try {
                    in.close();  // wakes the blocked reader
                } catch (IOException e) {
                    // it is being given up anyway
                }
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            readSince = System.nanoTime();
            try {
                return super.read(buffer, from, length);
            } catch (IOException e) {
                throw stalled ? new SocketTimeoutException("nothing received for " + idle.toMillis() / 1000.0 + " s") : e;
            } finally {
                readSince = 0;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            readSince = System.nanoTime();
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw stalled ? new SocketTimeoutException("nothing received for " + idle.toMillis() / 1000.0 + " s") : e;
            } finally {
                readSince = 0;
            }
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            super.close();
        }
    }
}
