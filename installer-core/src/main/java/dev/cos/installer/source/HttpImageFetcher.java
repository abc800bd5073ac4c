package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.system.FreeSpace;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
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
 * the digest checked against the URL's {@code #sha256=} or a published {@code <url>.sha256}, room
 * checked against Content-Length before a byte is written, a transfer that stalls for the idle
 * timeout aborted. Every request and response status is logged. Progress is reported from the
 * calling thread, a few times a second.
 */
public final class HttpImageFetcher implements ImageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpImageFetcher.class);
    private static final Pattern SIDECAR = Pattern.compile("\\A\\s*([0-9a-fA-F]{64})(\\s.*)?\\z", Pattern.DOTALL);
    private static final long POLL_MILLIS = 250;
    private static final int SIDECAR_MAX_CHARS = 4096;

    private final HttpClient client;
    private final Duration answerTimeout;
    private final Duration idleTimeout;
    private final FreeSpace freeSpace;

    /**
     * @param answerTimeout how long to wait for a response's headers
     * @param idleTimeout how long a transfer may receive nothing before it is given up
     */
    public HttpImageFetcher(HttpClient client, Duration answerTimeout, Duration idleTimeout, FreeSpace freeSpace) {
        this.client = client;
        this.answerTimeout = answerTimeout;
        this.idleTimeout = idleTimeout;
        this.freeSpace = freeSpace;
    }

    /** Connect timeout 30 s, answer 60 s, idle 60 s; free space by statvfs. */
    public static HttpImageFetcher system() {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new HttpImageFetcher(client, Duration.ofSeconds(60), Duration.ofSeconds(60), FreeSpace.system());
    }

    @Override
    public FetchedImage fetch(RemoteSource source, Path directory, ByteProgress progress) {
        Optional<Expected> expected = source.expectedSha256().map(hex -> new Expected(hex, "the #sha256= of the URL"))
                .or(() -> sidecar(source));
        Path file = createFile(directory);
        try {
            Download download = download(source, file, directory, progress);
            if (expected.isPresent() && !expected.get().sha256().equals(download.sha256())) {
                throw new InstallerException(ErrorCode.SOURCE, "the image downloaded from " + source.uri()
                        + " does not have the expected digest: expected sha256:" + expected.get().sha256() + " (from "
                        + expected.get().from() + "), got sha256:" + download.sha256() + " (" + download.bytes()
                        + " bytes); the image on the server changed or the transfer was corrupted: nothing was changed");
            }
            expected.ifPresentOrElse(e -> LOG.info("digest sha256:{} of {} matches {}", download.sha256(), source.uri(), e.from()),
                    () -> LOG.info("no digest published for {} (no #sha256= and no {}): not verified", source.uri(), source.sidecar()));
            return new FetchedImage(file, source, download.sha256(), download.bytes(), expected.map(Expected::from));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private record Expected(String sha256, String from) {}

    private record Download(String sha256, long bytes) {}

    /** {@code <url>.sha256}: the first word is the digest (sha256sum's format). 404/410: none published. */
    private Optional<Expected> sidecar(RemoteSource source) {
        URI uri = source.sidecar();
        HttpResponse<String> response;
        try {
            LOG.info("GET {}", uri);
            response = client.send(request(uri), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw failure(source, uri, e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(source);
        }
        logResponses(response);
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "the server answered HTTP " + status + " for the digest file "
                    + uri + ": fix the server, or give the digest in the URL as #sha256=<hex>");
        }
        String body = response.body();
        Matcher m = SIDECAR.matcher(body.length() > SIDECAR_MAX_CHARS ? body.substring(0, SIDECAR_MAX_CHARS) : body);
        if (!m.matches()) {
            throw new InstallerException(ErrorCode.SOURCE, "the digest file " + uri + " does not start with a sha256 digest"
                    + " (64 hex digits, as sha256sum writes it): fix or remove it, or give #sha256=<hex> in the URL");
        }
        return Optional.of(new Expected(m.group(1).toLowerCase(Locale.ROOT), uri.toString()));
    }

    private Download download(RemoteSource source, Path file, Path directory, ByteProgress progress) {
        AtomicReference<FileBodySubscriber> body = new AtomicReference<>();
        AtomicReference<InstallerException> refused = new AtomicReference<>();
        AtomicLong announcedBytes = new AtomicLong(0);
        MessageDigest digest = HashingInputStream.sha256();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            LOG.info("GET {}", source.uri());
            CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request(source.url()), info -> {
                if (info.statusCode() / 100 != 2) {
                    return FileBodySubscriber.rejecting();
                }
                long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                announcedBytes.set(Math.max(announced, 0));
                Optional<InstallerException> noRoom = noRoom(source, directory, announced);
                if (noRoom.isPresent()) {
                    refused.set(noRoom.get());
                    return FileBodySubscriber.rejecting();
                }
                FileBodySubscriber subscriber = new FileBodySubscriber(out, digest);
                body.set(subscriber);
                return subscriber;
            });
            HttpResponse<Long> response = await(source, file, future, body,
                    done -> progress.update(done, announcedBytes.get()));
            logResponses(response);
            if (refused.get() != null) {
                throw refused.get();
            }
            requireSuccess(source, response.statusCode());
            long bytes = response.body();
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced >= 0 && bytes != announced) {
                throw cutShort(source, bytes, announced, "the connection ended early");
            }
            out.force(false);
            progress.update(bytes, Math.max(announced, 0));
            LOG.info("downloaded {} bytes from {} to {}", bytes, source.uri(), file);
            return new Download(HexFormat.of().formatHex(digest.digest()), bytes);
        } catch (IOException e) {
            throw writeFailed(file, e);
        }
    }

    /** Waits for the transfer, reporting progress and aborting it when it stalls. */
    private HttpResponse<Long> await(RemoteSource source, Path file, CompletableFuture<HttpResponse<Long>> future,
            AtomicReference<FileBodySubscriber> body, LongConsumer progress) {
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
                        throw new InstallerException(ErrorCode.DOWNLOAD, "the download from " + source.uri() + " stalled: nothing"
                                + " received for " + idleTimeout.toSeconds() + " s after " + receiving.bytes() + " bytes;"
                                + " check the network and the server, then try again");
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FileBodySubscriber.WriteFailure write) {
                throw writeFailed(file, write);
            }
            long received = body.get() == null ? 0 : body.get().bytes();
            throw failure(source, source.url(), cause, received);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw cancelled(source);
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

    private static void requireSuccess(RemoteSource source, int status) {
        if (status == 404 || status == 410) {
            throw new InstallerException(ErrorCode.SOURCE, "no image at " + source.uri() + " (HTTP " + status + "): check the"
                    + " address where it was set (--source, or system.uri in the config file, /etc/elemental/config.yaml"
                    + " and config.d/)");
        }
        if (status / 100 != 2) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "the server answered HTTP " + status + " for " + source.uri()
                    + (status / 100 == 5 ? ": the server has a problem; try again later" : ": check the address and the server"));
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(answerTimeout).header("Accept-Encoding", "identity").GET().build();
    }

    private static void logResponses(HttpResponse<?> response) {
        response.previousResponse().ifPresent(HttpImageFetcher::logResponses);
        LOG.info("HTTP {} {} (Content-Length: {})", response.statusCode(), response.uri(),
                response.headers().firstValue("Content-Length").orElse("none"));
    }

    /** A failure of the connection or the transfer, for a person. */
    private InstallerException failure(RemoteSource source, URI uri, Throwable cause, long receivedBytes) {
        LOG.warn("request to {} failed after {} bytes: {}", uri, receivedBytes, cause.toString());
        String where = uri.getHost() + ":" + port(uri);
        String message;
        if (cause instanceof HttpConnectTimeoutException) {
            message = "timed out connecting to " + where + " for " + uri + ": check the address and that the server is reachable";
        } else if (cause instanceof HttpTimeoutException) {
            message = "no answer from " + where + " for " + uri + " within " + answerTimeout.toSeconds() + " s: try again later";
        } else if (cause instanceof UnknownHostException || cause.getCause() instanceof UnresolvedAddressException
                || cause instanceof UnresolvedAddressException) {
            message = "host " + uri.getHost() + " not found (" + uri + "): check the address and the DNS setup";
        } else if (cause instanceof ConnectException) {
            message = "cannot connect to " + where + " for " + uri + " (connection refused): is the server running?"
                    + " check the address";
        } else if (cause instanceof javax.net.ssl.SSLException) {
            message = "the secure connection to " + where + " failed (" + cause.getMessage() + "): check the server's"
                    + " certificate and the system's clock";
        } else {
            message = "downloading " + uri + " failed after " + receivedBytes + " bytes (" + cause.getMessage()
                    + "): the connection broke; check the network and try again";
        }
        return new InstallerException(ErrorCode.DOWNLOAD, message, cause.toString(), cause);
    }

    private static InstallerException cutShort(RemoteSource source, long bytes, long announced, String why) {
        return new InstallerException(ErrorCode.DOWNLOAD, "downloading " + source.uri() + " failed: " + why + " after " + bytes
                + " of " + announced + " bytes; check the network and try again");
    }

    private static InstallerException writeFailed(Path where, IOException e) {
        boolean full = String.valueOf(e.getMessage()).contains("No space left");
        return new InstallerException(full ? ErrorCode.NO_SPACE : ErrorCode.DOWNLOAD, "cannot write the download to "
                + where + ": " + e.getMessage() + (full ? "; free space there and try again" : ""), e.toString(), e);
    }

    private static InstallerException cancelled(RemoteSource source) {
        return new InstallerException(ErrorCode.CANCELLED, "the download of " + source.uri() + " was interrupted");
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
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
