package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The messages of {@link HttpImageFetcher}'s failures, for people: what went wrong where, and what to do. */
final class DownloadFailures {

    private static final Logger LOG = LoggerFactory.getLogger(HttpImageFetcher.class);

    private DownloadFailures() {}

    /** Refuses a response that is not a 2xx: 404/410 as no image at the address, the others by status. */
    static void requireSuccess(RemoteSource source, int status) {
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

    /**
     * A failure of the connection or the transfer, for a person.
     *
     * @param answerTimeout how long the server had to answer, named in a timeout's message
     */
    static InstallerException failure(URI uri, Throwable cause, long receivedBytes, Duration answerTimeout) {
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

    /** Writing the download failed: a full disk says so and what to do. */
    static InstallerException writeFailed(Path where, IOException e) {
        boolean full = String.valueOf(e.getMessage()).contains("No space left");
        return new InstallerException(full ? ErrorCode.NO_SPACE : ErrorCode.DOWNLOAD, "cannot write the download to "
                + where + ": " + e.getMessage() + (full ? "; free space there and try again" : ""), e.toString(), e);
    }

    static InstallerException cancelled(RemoteSource source) {
        return new InstallerException(ErrorCode.CANCELLED, "the download of " + source.uri() + " was interrupted");
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
