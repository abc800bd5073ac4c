package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a blob of any {@link ImageStore} as a stream that is checked while it is read: it counts and
 * hashes every byte, never gives out more than the descriptor's size, re-opens the store at the
 * offset reached when a transfer breaks (a registry resumes with {@code Range}), and at the end
 * refuses a blob whose size or digest is not the descriptor's, naming both digests.
 */
public final class BlobStreams {

    private static final Logger LOG = LoggerFactory.getLogger(BlobStreams.class);

    /** Breaks tolerated per blob before the transfer is given up. */
    static final int RESUMES = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private BlobStreams() {
    }

    /**
     * @param what the blob for messages: "layer 2 of 127.0.0.1:5000/cos/demo@sha256:..."
     * @param progress bytes of the blob read so far, of {@code blob.size()}
     */
    public static InputStream open(ImageStore store, Descriptor blob, String what, ByteProgress progress) {
        return new CheckedBlobStream(store, blob, what, progress, FIRST_BACKOFF);
    }

    /**
     * Reads a small blob (a config, a signature payload) whole, checked like {@link #open}.
     *
     * @param maxBytes the most such a blob may have: a descriptor giving more is refused before reading
     * @param kind what such a blob is, for the refusal ("an image config")
     * @throws InstallerException SOURCE for a blob too large, altered or damaged; DOWNLOAD when it cannot be read
     */
    public static byte[] readSmall(ImageStore store, Descriptor blob, String what, long maxBytes, String kind) {
        if (blob.size() > maxBytes) {
            throw new InstallerException(ErrorCode.SOURCE, what + " is " + blob.size() + " bytes, far more than " + kind
                    + ": the image is damaged or not an OS image");
        }
        try (InputStream in = open(store, blob, what, ByteProgress.NONE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot read " + what + " from " + store.describe() + ": "
                    + FailureWords.describe(e), e.toString(), e);
        }
    }

    static InputStream open(ImageStore store, Descriptor blob, String what, ByteProgress progress, Duration firstBackoff) {
        return new CheckedBlobStream(store, blob, what, progress, firstBackoff);
    }

    private static final class CheckedBlobStream extends InputStream {

        private final ImageStore store;
        private final Descriptor blob;
        private final String what;
        private final ByteProgress progress;
        private final Duration firstBackoff;
        private final MessageDigest digest = Digest.sha256();
        private InputStream in;
        private long offset;
        private int breaks;
        private boolean checked;

        CheckedBlobStream(ImageStore store, Descriptor blob, String what, ByteProgress progress, Duration firstBackoff) {
            this.store = store;
            this.blob = blob;
            this.what = what;
            this.progress = progress;
            this.firstBackoff = firstBackoff;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (offset == blob.size()) {
                    checkAtEnd();
                    return -1;
                }
                int n;
                try {
                    if (in == null) {
                        in = store.openBlob(blob, offset);
                    }
                    n = in.read(buffer, from, (int) Math.min(length, blob.size() - offset));
                } catch (IOException e) {
                    broke(FailureWords.describe(e));
                    continue;
                }
                if (n < 0) {
                    broke("the transfer ended after " + offset + " of " + blob.size() + " bytes");
                    continue;
                }
                digest.update(buffer, from, n);
                offset += n;
                progress.update(offset, blob.size());
                return n;
            }
        }

        // One break more: close, wait, and let the next read re-open at the offset reached.
        private void broke(String why) throws IOException {
            closeQuietly();
            breaks++;
            if (breaks > RESUMES) {
                throw new InstallerException(ErrorCode.DOWNLOAD, what + " (" + blob.digest() + ") could not be read from "
                        + store.describe() + ": " + why + "; gave up after " + RESUMES + " attempts to resume."
                        + " Check the connection and the registry, then try again.");
            }
            LOG.warn("{}: {}; resuming at byte {} (attempt {} of {})", what, why, offset, breaks, RESUMES);
            try {
                Thread.sleep(firstBackoff.toMillis() << (breaks - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(ErrorCode.CANCELLED, "interrupted while reading " + what);
            }
        }

        private void checkAtEnd() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            // The size is the descriptor's: a longer blob would only show here as a stream not yet at its end.
            if (in != null && in.read() >= 0) {
                throw mismatch("it is longer than the " + blob.size() + " bytes its descriptor gives");
            }
            Digest got = new Digest(HexFormat.of().formatHex(digest.digest()));
            if (!got.equals(blob.digest())) {
                throw mismatch("its content has the digest " + got);
            }
        }

        private InstallerException mismatch(String finding) {
            return new InstallerException(ErrorCode.SOURCE, what + " from " + store.describe() + " should have the digest "
                    + blob.digest() + " but " + finding + ": it was altered or damaged, so it is refused");
        }

        private void closeQuietly() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.debug("closing a broken blob stream: {}", e.toString());
                }
                in = null;
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
