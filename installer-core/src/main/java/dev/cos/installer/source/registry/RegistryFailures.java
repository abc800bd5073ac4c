package dev.cos.installer.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ManifestNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What went wrong talking to a registry, for a person: what, where, and what to do. Never a secret. */
final class RegistryFailures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_BODY_BYTES = 64 * 1024;
    private static final String WHERE_LOGINS = "add a login for it under registry-auth: in config.yaml, or log in with"
            + " podman login / skopeo login (/run/containers/0/auth.json) or docker login (~/.docker/config.json)";

    private final ImageReference image;
    private final String registry;

    RegistryFailures(ImageReference image) {
        this.image = image;
        this.registry = "registry " + image.registry();
    }

    /** Whether trying again can help: not when TLS itself refused (trust, plain http, a name mismatch). */
    static boolean worthRetrying(IOException e) {
        return !(e instanceof SSLException) && !(e.getCause() instanceof SSLException);
    }

    InstallerException connection(URI uri, IOException e, int attempts, Duration answerTimeout) {
        String after = attempts > 1 ? " (" + attempts + " attempts)" : "";
        Throwable cause = e instanceof SSLException || e.getCause() == null ? e : e.getCause();
        String message;
        if (e instanceof HttpConnectTimeoutException) {
            message = "timed out connecting to " + registry + after + ": check the address and that it is reachable";
        } else if (e instanceof HttpTimeoutException) {
            message = "no answer from " + registry + " within " + answerTimeout.toSeconds() + " s" + after + ": try again later";
        } else if (e instanceof ConnectException || cause instanceof ConnectException) {
            message = "cannot connect to " + registry + " (connection refused)" + after + ": is the registry running, and is"
                    + " the address " + image.registry() + " right?";
        } else if (e instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                || cause instanceof UnknownHostException) {
            message = "the host of " + registry + " was not found: check the address and the DNS setup";
        } else if (cause instanceof SSLException ssl) {
            message = tls(ssl);
        } else {
            message = "the connection to " + registry + " failed" + after + " (" + FailureWords.describe(e)
                    + "): check the network and try again";
        }
        return new InstallerException(ErrorCode.DOWNLOAD, message, uri + ": " + e, e);
    }

    private String tls(SSLException e) {
        String text = chain(e);
        if (text.contains("plaintext connection") || text.contains("nrecognized SSL message")) {
            return registry + " answered in plain http, not https: it is spoken to over plain http only when it is listed"
                    + " under registries: insecure: in config.yaml (its traffic, logins included, is then unencrypted)";
        }
        if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
            return "the certificate of " + registry + " is not trusted: give the certificate of the CA that signed it with"
                    + " ca-file under registries: in config.yaml, or with --registry-ca FILE";
        }
        if (text.contains("No subject alternative") || text.contains("No name matching")) {
            return "the certificate of " + registry + " is for another name than " + image.registry()
                    + ": use the name the certificate is for, or give the registry a certificate for this one";
        }
        return "the secure connection to " + registry + " failed (" + e.getMessage() + "): check its certificate, the CA"
                + " given with ca-file / --registry-ca, and the system's clock";
    }

    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    /** The registry asked for a login and none is known. */
    InstallerException needsLogin() {
        return new InstallerException(ErrorCode.SOURCE, registry + " requires a login to read " + image.name() + ": "
                + WHERE_LOGINS);
    }

    /** The login was refused (basic auth, or the token service). */
    InstallerException wrongLogin(RegistryLogin login) {
        return new InstallerException(ErrorCode.SOURCE, registry + " did not accept the user name and password of user "
                + login.username() + " (from " + login.from() + "): check them, or log in again");
    }

    /** Logged in (or anonymous with a token) but not allowed to pull. */
    InstallerException notAllowed(Optional<RegistryLogin> login) {
        return login.map(l -> new InstallerException(ErrorCode.SOURCE, "user " + l.username() + " (from " + l.from()
                        + ") may not read " + image.name() + " in " + registry + ": check the repository's name and the user's rights"))
                .orElseGet(this::needsLogin);
    }

    InstallerException badChallenge(String header) {
        return new InstallerException(ErrorCode.DOWNLOAD, registry + " asked for a login in a way this installer does not"
                + " speak (WWW-Authenticate: " + header + "): only Bearer tokens and Basic logins are supported",
                "WWW-Authenticate: " + header);
    }

    InstallerException insecureRealm(URI realm) {
        return new InstallerException(ErrorCode.DOWNLOAD, registry + " sends logins to " + realm.getHost()
                + " over plain http: refused, as that would expose them; list " + image.registry()
                + " under registries: insecure: in config.yaml only if that is meant", "realm " + realm);
    }

    InstallerException badToken(URI realm, String why) {
        return new InstallerException(ErrorCode.DOWNLOAD, "the token service of " + registry + " (" + realm.getHost()
                + ") gave no usable token (" + why + "): check the registry's setup", "realm " + realm);
    }

    /** A status no retry cured, or a 4xx that was not expected. */
    InstallerException status(String what, int status, List<String> codes) {
        String registryCodes = codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")";
        if (status == 429) {
            return new InstallerException(ErrorCode.DOWNLOAD, registry + " refuses more requests for now (HTTP 429, too many"
                    + " requests) while reading " + what + ": wait a while, then try again, or log in (limits are higher then)");
        }
        if (status / 100 == 5) {
            return new InstallerException(ErrorCode.DOWNLOAD, registry + " has a problem (HTTP " + status + registryCodes
                    + ") while reading " + what + ": try again later");
        }
        return new InstallerException(ErrorCode.DOWNLOAD, registry + " answered HTTP " + status + registryCodes + " for "
                + what + ": check the image reference and the registry");
    }

    ManifestNotFoundException missingRepository() {
        return new ManifestNotFoundException("there is no repository " + image.repository() + " in " + registry
                + ": check the image reference " + image.uri());
    }

    /** The tag or digest named is not in the repository, which has {@code tags} (the first {@code shown} named). */
    ManifestNotFoundException missing(String tagOrDigest, List<String> tags, int shown) {
        String what = tagOrDigest.startsWith("sha256:") ? "no image with the digest " + tagOrDigest : "no tag " + tagOrDigest;
        String has = tags.isEmpty() ? "; skopeo list-tags docker://" + image.name() + " lists its tags"
                : "; its tags: " + String.join(", ", tags.subList(0, Math.min(shown, tags.size())))
                        + (tags.size() > shown ? ", ..." : "");
        return new ManifestNotFoundException(what + " in " + image.name() + " (" + registry + "): check the reference"
                + has);
    }

    InstallerException missingBlob(String what, String digest) {
        return new InstallerException(ErrorCode.SOURCE, registry + " has no " + what + " (" + digest + ") of " + image.name()
                + ": the image in the registry is incomplete; push it again");
    }

    /** The registry's error codes from an error answer's body ({"errors":[{"code":...}]}); the body is consumed. */
    static List<String> errorCodes(InputStream body) {
        List<String> codes = new ArrayList<>();
        try (body) {
            byte[] bytes = body.readNBytes(ERROR_BODY_BYTES);
            for (JsonNode error : JSON.readTree(new String(bytes, StandardCharsets.UTF_8)).path("errors")) {
                codes.add(error.path("code").asText());
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error body: the status alone says what happened
        }
        return codes;
    }
}
