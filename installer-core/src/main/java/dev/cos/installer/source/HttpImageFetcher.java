package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.installed.FreeSpace;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads http(s) images with {@link HttpClient}: redirects followed (never from https to http),
 * the digest checked against the URL's {@code #sha256=} or a published {@code <url>.sha256} (an
 * image with neither is refused unless unverified images are allowed), room checked against
 * Content-Length before a byte is written, a transfer that stalls for the idle timeout aborted. A
 * dropped connection, a stall or an HTTP 5xx is retried ({@link DownloadRetries}), resuming with
 * {@code Range} (and {@code If-Range} with the server's ETag) where the server accepts ranges; the
 * digest is checked over the whole file at the end. Every request and response status is logged.
 * Progress is reported from the calling thread, a few times a second.
 */
public final class HttpImageFetcher implements ImageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpImageFetcher.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long POLL_MILLIS = 250;

    private final HttpClient client;
    private final Duration answerTimeout;
    private final Duration idleTimeout;
    private final FreeSpace freeSpace;
    private final DownloadRetries retries;
    private final boolean allowUnverified;

    /**
     * @param answerTimeout how long to wait for a response's headers
     * @param idleTimeout how long a transfer may receive nothing before it is given up (and retried)
     * @param allowUnverified whether an image with no published digest is downloaded anyway
     */
    public HttpImageFetcher(HttpClient client, Duration answerTimeout, Duration idleTimeout, FreeSpace freeSpace,
                            DownloadRetries retries, boolean allowUnverified) {
        this.client = client;
        this.answerTimeout = answerTimeout;
        this.idleTimeout = idleTimeout;
        this.freeSpace = freeSpace;
        this.retries = retries;
        this.allowUnverified = allowUnverified;
    }

    /** Connect timeout 30 s, answer 60 s, idle 60 s, {@link DownloadRetries#system()}; free space by statvfs. */
    public static HttpImageFetcher system(boolean allowUnverified) {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new HttpImageFetcher(client, Duration.ofSeconds(60), Duration.ofSeconds(60), FreeSpace.system(),
                DownloadRetries.system(), allowUnverified);
    }

    @Override
    public FetchedImage fetch(RemoteSource source, Path directory, ByteProgress progress) {
        Optional<Expected> expected = source.expectedSha256().map(hex -> new Expected(hex, "the #sha256= of the URL"))
                .or(() -> sidecar(source));
        if (expected.isEmpty() && !allowUnverified) {
            requireImageAt(source);  // a mistyped address is better told as such than as a missing digest
            throw new InstallerException(ErrorCode.SOURCE, source.uri() + " has no digest: add #sha256=<hex> to the URL or"
                    + " publish " + source.sidecar() + "; or pass --allow-unverified to install it unverified (for a source"
                    + " set in config.yaml: allow-unverified: true next to it)");
        }
        Path file = createFile(directory);
        try {
            Download download = download(source, expected.isPresent(), file, directory, progress);
            if (expected.isPresent() && !expected.get().sha256().equals(download.sha256())) {
                throw new InstallerException(ErrorCode.SOURCE, "the image downloaded from " + source.uri()
                        + " does not have the expected digest: expected sha256:" + expected.get().sha256() + " (from "
                        + expected.get().from() + "), got sha256:" + download.sha256() + " (" + download.bytes()
                        + " bytes); the image on the server changed or the transfer was corrupted: nothing was changed");
            }
            expected.ifPresentOrElse(e -> LOG.info("digest sha256:{} of {} matches {}", download.sha256(), source.uri(), e.from()),
                    () -> LOG.warn("UNVERIFIED: {} has no digest (no #sha256= and no {}); used because unverified images"
                            + " were allowed", source.uri(), source.sidecar()));
            return new FetchedImage(file, source, download.sha256(), download.bytes(), expected.map(Expected::from));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private record Expected(String sha256, String from) {}

    private record Download(String sha256, long bytes) {}

    /** {@code <url>.sha256}, at most {@link Sha256Sidecar#MAX_BYTES} of it. 404/410: none published. */
    private Optional<Expected> sidecar(RemoteSource source) {
        URI uri = source.sidecar();
        HttpResponse<InputStream> response;
        try {
            LOG.info("GET {}", uri);
            response = client.send(request(uri).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw DownloadFailures.failure(uri, e, 0, answerTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DownloadFailures.cancelled(source);
        }
        logResponses(response);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new InstallerException(ErrorCode.DOWNLOAD, "the server answered HTTP " + status + " for the digest file "
                        + uri + ": fix the server, or give the digest in the URL as #sha256=<hex>");
            }
            OptionalLong announced = response.headers().firstValueAsLong("Content-Length");
            if (announced.isPresent() && announced.getAsLong() > Sha256Sidecar.MAX_BYTES) {
                throw Sha256Sidecar.tooLarge(uri.toString(), Optional.of(announced.getAsLong()));
            }
            byte[] read = body.readNBytes(Sha256Sidecar.MAX_BYTES + 1);
            if (read.length > Sha256Sidecar.MAX_BYTES) {
                throw Sha256Sidecar.tooLarge(uri.toString(), Optional.empty());
            }
            String digest = Sha256Sidecar.parse(new String(read, StandardCharsets.UTF_8), uri.toString());
            return Optional.of(new Expected(digest, uri.toString()));
        } catch (IOException e) {
            throw DownloadFailures.failure(uri, e, 0, answerTimeout);
        }
    }

    /** HEAD of the image: a 404/410 is "no image at"; any other answer (or none) leaves the question open. */
    private void requireImageAt(RemoteSource source) {
        try {
            LOG.info("HEAD {}", source.uri());
            HttpResponse<Void> response = client.send(request(source.url()).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
            logResponses(response);
            if (response.statusCode() == 404 || response.statusCode() == 410) {
                DownloadFailures.requireSuccess(source, response.statusCode());
            }
        } catch (IOException e) {
            LOG.info("HEAD {} failed: {}", source.uri(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DownloadFailures.cancelled(source);
        }
    }

    /** What the tries so far learnt about the server's copy: ranges accepted, its ETag, its length. */
    private static final class Resume {
        volatile boolean rangesAccepted;
        volatile Optional<String> etag = Optional.empty();
        volatile long totalBytes = -1;
    }

    /** One try's end short of the whole file: worth another try. */
    private record Dropped(String why, Optional<Throwable> cause) {}

    /**
     * Tries up to {@link DownloadRetries#tries()} times. A later try resumes from the bytes kept
     * when the server accepts ranges and the bytes cannot silently mix two versions of the file (it
     * gave an ETag for If-Range, or a digest checks the whole at the end); otherwise it starts over.
     */
    private Download download(RemoteSource source, boolean digestKnown, Path file, Path directory, ByteProgress progress) {
        MessageDigest digest = HashingInputStream.sha256();
        Resume resume = new Resume();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int tryNumber = 1; ; tryNumber++) {
                long kept = out.size();
                boolean resuming = kept > 0 && resume.rangesAccepted && (resume.etag.isPresent() || digestKnown);
                if (kept > 0 && !resuming) {
                    LOG.info("the server of {} does not resume safely: starting over from byte 0", source.uri());
                    restart(out, digest);
                }
                Optional<Dropped> dropped = tryOnce(source, tryNumber, out, digest, resume, resuming, directory, progress);
                if (dropped.isEmpty()) {
                    out.force(false);
                    long bytes = out.size();
                    progress.update(bytes, bytes);
                    LOG.info("downloaded {} bytes from {} to {} in {} tr{}", bytes, source.uri(), file, tryNumber,
                            tryNumber == 1 ? "y" : "ies");
                    return new Download(HexFormat.of().formatHex(digest.digest()), bytes);
                }
                if (tryNumber == retries.tries()) {
                    throw new InstallerException(ErrorCode.DOWNLOAD, "downloading " + source.uri() + " failed " + tryNumber
                            + " times; the last try: " + dropped.get().why() + "; check the network and the server, then"
                            + " try again", dropped.get().cause().map(Throwable::toString).orElse(dropped.get().why()),
                            dropped.get().cause().orElse(null));
                }
                Duration pause = retries.pauseAfter(tryNumber);
                LOG.warn("try {} of {} downloading {} failed: {}; trying again in {} ms with {} bytes kept", tryNumber,
                        retries.tries(), source.uri(), dropped.get().why(), pause.toMillis(), out.size());
                retries.sleeper().sleep(pause);
            }
        } catch (IOException e) {
            throw DownloadFailures.writeFailed(file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DownloadFailures.cancelled(source);
        }
    }

    private static void restart(FileChannel out, MessageDigest digest) throws IOException {
        out.truncate(0);
        out.position(0);
        digest.reset();
    }

    /** One GET, from byte {@code out.size()} when {@code resuming}; empty when the file is complete. */
    private Optional<Dropped> tryOnce(RemoteSource source, int tryNumber, FileChannel out, MessageDigest digest, Resume resume,
                                      boolean resuming, Path directory, ByteProgress progress) throws IOException {
        long kept = out.size();
        AtomicReference<FileBodySubscriber> body = new AtomicReference<>();
        AtomicReference<InstallerException> refused = new AtomicReference<>();
        AtomicReference<IOException> restartFailed = new AtomicReference<>();
        AtomicLong offset = new AtomicLong(kept);
        HttpRequest.Builder request = request(source.url());
        if (resuming) {
            request.header("Range", "bytes=" + kept + "-");
            resume.etag.ifPresent(etag -> request.header("If-Range", etag));
        }
        LOG.info("GET {}{}", source.uri(), resuming ? " from byte " + kept + resume.etag.map(e -> " (If-Range " + e + ")").orElse("") : "");
        CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request.build(), info -> {
            int status = info.statusCode();
            if (status != 200 && status != 206) {
                return FileBodySubscriber.rejecting();
            }
            resume.rangesAccepted = status == 206 || info.headers().firstValue("Accept-Ranges").filter("bytes"::equalsIgnoreCase).isPresent();
            resume.etag = info.headers().firstValue("ETag").filter(etag -> !etag.startsWith("W/"));
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (status == 206) {
                Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
                if (!range.matches() || Long.parseLong(range.group(1)) != kept) {
                    refused.set(new InstallerException(ErrorCode.DOWNLOAD, "the server of " + source.uri() + " sent another"
                            + " part of the file than asked (Content-Range: " + info.headers().firstValue("Content-Range")
                            .orElse("none") + ", asked from byte " + kept + "): fix the server, then try again"));
                    return FileBodySubscriber.rejecting();
                }
                resume.totalBytes = range.group(3).equals("*") ? (length < 0 ? -1 : kept + length) : Long.parseLong(range.group(3));
            } else {
                resume.totalBytes = length;
                if (kept > 0) {
                    // The whole file again (no range support, or If-Range saw another version).
                    LOG.info("{} answered with the whole file: starting over from byte 0", source.uri());
                    offset.set(0);
                    try {
                        restart(out, digest);
                    } catch (IOException e) {
                        restartFailed.set(e);
                        return FileBodySubscriber.rejecting();
                    }
                }
            }
            Optional<InstallerException> noRoom = noRoom(source, directory, length);
            if (noRoom.isPresent()) {
                refused.set(noRoom.get());
                return FileBodySubscriber.rejecting();
            }
            FileBodySubscriber subscriber = new FileBodySubscriber(out, digest);
            body.set(subscriber);
            return subscriber;
        });
        HttpResponse<Long> response;
        try {
            response = await(source, future, body, done -> progress.update(offset.get() + done, Math.max(resume.totalBytes, 0)));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FileBodySubscriber.WriteFailure write) {
                throw write;
            }
            long received = body.get() == null ? 0 : body.get().bytes();
            // Before any answer, the first try's failure is the address's (refused, unknown host): not retried.
            if (cause instanceof javax.net.ssl.SSLException || (body.get() == null && tryNumber == 1)) {
                throw DownloadFailures.failure(source.url(), cause, received, answerTimeout);
            }
            LOG.warn("request to {} failed after {} bytes: {}", source.uri(), offset.get() + received, cause.toString());
            return Optional.of(new Dropped("the connection broke after " + (offset.get() + received) + " bytes ("
                    + cause.getMessage() + ")", Optional.of(cause)));
        } catch (StalledException stalled) {
            return Optional.of(new Dropped(stalled.getMessage(), Optional.empty()));
        }
        logResponses(response);
        if (restartFailed.get() != null) {
            throw restartFailed.get();
        }
        if (refused.get() != null) {
            throw refused.get();
        }
        int status = response.statusCode();
        if (status / 100 == 5) {
            return Optional.of(new Dropped("the server answered HTTP " + status + " (a problem on the server)", Optional.empty()));
        }
        if (status == 416 && kept > 0) {
            resume.rangesAccepted = false;
            return Optional.of(new Dropped("the server refused to resume from byte " + kept + " (HTTP 416)", Optional.empty()));
        }
        DownloadFailures.requireSuccess(source, status);
        long total = out.size();
        if (resume.totalBytes >= 0 && total != resume.totalBytes) {
            return Optional.of(new Dropped("the connection ended early after " + total + " of " + resume.totalBytes + " bytes",
                    Optional.empty()));
        }
        return Optional.empty();
    }

    /** A transfer that received nothing for the idle timeout; it was aborted. */
    private static final class StalledException extends Exception {
        StalledException(String message) {
            super(message);
        }
    }

    /** Waits for the transfer, reporting progress and aborting it when it stalls. */
    private HttpResponse<Long> await(RemoteSource source, CompletableFuture<HttpResponse<Long>> future,
            AtomicReference<FileBodySubscriber> body, LongConsumer progress) throws ExecutionException, StalledException {
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    FileBodySubscriber receiving = body.get();
                    if (receiving == null) {
                        continue;  // waiting for the headers: the request's own timeout covers that
                    }
                    progress.accept(receiving.bytes());
                    if (receiving.idleNanos() > idleTimeout.toNanos()) {
                        receiving.abort(new HttpTimeoutException("nothing received for " + idleTimeout.toSeconds() + " s"));
                        future.cancel(true);
                        throw new StalledException("the download from " + source.uri() + " stalled: nothing received for "
                                + idleTimeout.toMillis() / 1000.0 + " s after " + receiving.bytes() + " bytes of this try");
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw DownloadFailures.cancelled(source);
        }
    }

    private Optional<InstallerException> noRoom(RemoteSource source, Path directory, long announcedBytes) {
        if (announcedBytes < 0) {
            return Optional.empty();
        }
        ByteSize free = freeSpace.usable(directory);
        if (free.bytes() >= announcedBytes) {
            return Optional.empty();
        }
        ByteSize size = ByteSize.ofBytes(announcedBytes);
        return Optional.of(new InstallerException(ErrorCode.NO_SPACE, "cannot download " + source.uri() + ": it is "
                + size.human() + " (" + announcedBytes + " bytes) but " + directory + " has only " + free.human() + " ("
                + free.bytes() + " bytes) free; free space there and try again"));
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(answerTimeout).header("Accept-Encoding", "identity").GET();
    }

    private static void logResponses(HttpResponse<?> response) {
        response.previousResponse().ifPresent(HttpImageFetcher::logResponses);
        LOG.info("HTTP {} {} (Content-Length: {})", response.statusCode(), response.uri(),
                response.headers().firstValue("Content-Length").orElse("none"));
    }

    private static Path createFile(Path directory) {
        try {
            return Files.createTempFile(directory, "download-", ".part");
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot create a file for the download in " + directory + ": "
                    + e.getMessage(), e.toString(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove the partial download {}: {}", file, e.getMessage());
        }
    }
}
