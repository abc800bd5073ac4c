package dev.cos.installer.source;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file as it arrives, digesting it on the way, one buffer list at a
 * time (it requests the next only after writing). Runs on the HTTP client's threads; the fields the
 * waiting thread reads are volatile. {@link #abort} stops the transfer from another thread: once it
 * returns, nothing more is written (a retry may then write to the same file).
 */
final class FileBodySubscriber implements HttpResponse.BodySubscriber<Long> {

    /** Writing the file failed (a full disk, most often): not the server's fault. */
    static final class WriteFailure extends IOException {
        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final FileChannel out;
    private final MessageDigest digest;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile long bytes;
    private volatile long lastActivityNanos = System.nanoTime();

    FileBodySubscriber(FileChannel out, MessageDigest digest) {
        this.out = out;
        this.digest = digest;
    }

    /** A body that is not wanted (an error page, an image with no room for it): the transfer stops at once, body -1. */
    static FileBodySubscriber rejecting() {
        FileBodySubscriber rejecting = new FileBodySubscriber(null, null);
        rejecting.result.complete(-1L);
        return rejecting;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;  // aborted: the file belongs to the next try now
        }
        try {
            for (ByteBuffer buffer : buffers) {
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    bytes += out.write(buffer);
                }
            }
        } catch (IOException e) {
            abort(new WriteFailure(e));
            return;
        }
        lastActivityNanos = System.nanoTime();
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes);
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    /** Stops the transfer: the connection is dropped and the body completes with {@code why}. */
    synchronized void abort(Throwable why) {
        result.completeExceptionally(why);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    long bytes() {
        return bytes;
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }
}
