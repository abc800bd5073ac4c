package dev.cos.installer.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one repository of a registry (distribution API v2): every request logged (never a
 * credential), a 401 answered once by logging in the way the registry's {@code WWW-Authenticate} asks (a
 * Bearer token from its token service, anonymous or with the login; or Basic), redirects followed by hand
 * so the registry's credentials never travel to another host, and connection failures, HTTP 5xx and 429
 * tried again with a doubling pause. Thread-safe: the layers of an image are fetched in parallel.
 */
final class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final int TOKEN_BYTES = 1024 * 1024;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(60);

    /** Waits between attempts; {@link Thread#sleep} outside tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final HttpClient http;
    private final ImageReference image;
    private final RegistryOptions options;
    private final Optional<RegistryLogin> login;
    private final RegistryFailures failures;
    private final Sleeper sleeper;
    private final URI base;
    private volatile Optional<String> authorization = Optional.empty();

    RegistryClient(HttpClient http, ImageReference image, RegistryOptions options, Sleeper sleeper) {
        this.http = http;
        this.image = image;
        this.options = options;
        this.login = options.credentials().forImage(image);
        this.failures = new RegistryFailures(image);
        this.sleeper = sleeper;
        String scheme = options.isInsecure(image.registry()) ? "http" : "https";
        this.base = URI.create(scheme + "://" + image.apiHost() + "/v2/" + image.repository() + "/");
    }

    RegistryFailures failures() {
        return failures;
    }

    /**
     * Sends {@code method} to {@code path} (under {@code /v2/<repository>/}) until an answer that is neither a
     * login request, a redirect, a 5xx nor a 429 (or the attempts run out); the caller reads and closes the
     * body.
     *
     * @param what what is asked for, for messages ("the manifest 1.0")
     */
    HttpResponse<InputStream> send(String method, String path, Map<String, String> headers, String what) {
        URI uri = base.resolve(path);
        int redirects = 0;
        boolean loggedIn = false;
        while (true) {
            boolean sameOrigin = sameOrigin(uri);
            Optional<String> used = sameOrigin ? authorization : Optional.empty();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.answerTimeout())
                    .method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(request::header);
            used.ifPresent(value -> request.header("Authorization", value));
            LOG.info("{} {}{}{}", method, uri, headers.containsKey("Range") ? " (" + headers.get("Range") + ")" : "",
                    used.isPresent() ? " (authenticated)" : "");
            HttpResponse<InputStream> response = attempts(request.build(), what);
            int status = response.statusCode();
            if (status == 401 && sameOrigin) {
                String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
                discard(response);
                if (loggedIn) {
                    throw used.filter(u -> u.startsWith("Basic ")).isPresent() ? failures.wrongLogin(login.orElseThrow())
                            : failures.notAllowed(login);
                }
                logIn(challenge, used);
                loggedIn = true;
                continue;
            }
            if (status == 403) {
                discard(response);
                throw failures.notAllowed(login);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 == 3 && location.isPresent()) {
                discard(response);
                URI next = uri.resolve(location.get());
                if (++redirects > MAX_REDIRECTS || ("http".equals(next.getScheme()) && "https".equals(uri.getScheme()))) {
                    throw new InstallerException(ErrorCode.DOWNLOAD, "registry " + image.registry() + " redirected "
                            + what + (redirects > MAX_REDIRECTS ? " too many times" : " from https to plain http, which is refused")
                            + ": check the registry's setup", "redirect to " + next);
                }
                LOG.info("redirected to {}", next.getScheme() + "://" + next.getAuthority() + next.getPath());
                uri = next;
                continue;
            }
            if (status == 429 || status / 100 == 5) {
                throw failures.status(what, status, RegistryFailures.errorCodes(response.body()));
            }
            return response;
        }
    }

    /**
     * Sends {@code request} until it gets an answer that is not a 5xx or 429, or the tries run out (then the
     * last answer is returned); a connection that fails is tried again unless TLS refused it.
     */
    private HttpResponse<InputStream> attempts(HttpRequest request, String what) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!RegistryFailures.worthRetrying(e) || attempt >= options.tries()) {
                    throw failures.connection(request.uri(), e, attempt, options.answerTimeout());
                }
                pause(attempt, request.uri(), e.toString(), Optional.empty());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(ErrorCode.CANCELLED, "interrupted while reading " + what + " from registry "
                        + image.registry());
            }
            int status = response.statusCode();
            LOG.info("HTTP {} {} (Content-Length: {})", status, request.uri(),
                    response.headers().firstValue("Content-Length").orElse("none"));
            if ((status != 429 && status / 100 != 5) || attempt >= options.tries()) {
                return response;
            }
            Optional<Duration> retryAfter = response.headers().firstValueAsLong("Retry-After").stream()
                    .mapToObj(Duration::ofSeconds).findFirst();
            discard(response);
            pause(attempt, request.uri(), "HTTP " + status, retryAfter);
        }
    }

    /**
     * Answers a 401: a token from the realm the challenge names, or Basic with the login. When another
     * thread already logged in since {@code used} was sent, its authorization is taken as it is.
     */
    private synchronized void logIn(String header, Optional<String> used) {
        if (!authorization.equals(used)) {
            return;
        }
        List<AuthChallenge> challenges = AuthChallenge.parse(header);
        Optional<AuthChallenge> bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
        if (bearer.isPresent()) {
            authorization = Optional.of("Bearer " + token(bearer.get()));
            return;
        }
        if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
            RegistryLogin known = login.orElseThrow(failures::needsLogin);
            authorization = Optional.of(basic(known));
            return;
        }
        throw failures.badChallenge(header);
    }

    private String token(AuthChallenge challenge) {
        URI realm = challenge.parameter("realm").map(URI::create)
                .orElseThrow(() -> failures.badToken(URI.create("about:blank"), "its login request names no realm"));
        if ("http".equals(realm.getScheme()) && !options.isInsecure(image.registry())) {
            throw failures.insecureRealm(realm);
        }
        String scope = challenge.parameter("scope").orElse("repository:" + image.repository() + ":pull");
        StringBuilder query = new StringBuilder();
        challenge.parameter("service").ifPresent(s -> query.append("service=").append(encode(s)).append('&'));
        query.append("scope=").append(encode(scope));
        URI uri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.answerTimeout()).GET();
        login.ifPresent(l -> request.header("Authorization", basic(l)));
        LOG.info("GET {} (token, {})", uri, login.map(l -> "as user " + l.username()).orElse("anonymous"));
        HttpResponse<InputStream> response = attempts(request.build(), "a login token");
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            discard(response);
            throw login.map(failures::wrongLogin).orElseGet(failures::needsLogin);
        }
        if (status != 200) {
            discard(response);
            throw failures.badToken(realm, "HTTP " + status);
        }
        try (InputStream body = response.body()) {
            JsonNode answer = JSON.readTree(body.readNBytes(TOKEN_BYTES));
            String token = answer.path("token").asText(answer.path("access_token").asText(""));
            if (token.isBlank()) {
                throw failures.badToken(realm, "its answer holds no token");
            }
            return token;
        } catch (IOException e) {
            throw failures.badToken(realm, "its answer is not JSON");
        }
    }

    private static String basic(RegistryLogin login) {
        return "Basic " + Base64.getEncoder().encodeToString((login.username() + ":" + login.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private boolean sameOrigin(URI uri) {
        return Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getAuthority(), base.getAuthority());
    }

    private void pause(int failedAttempt, URI uri, String why, Optional<Duration> asked) {
        Duration backoff = options.firstBackoff().multipliedBy(1L << Math.min(failedAttempt - 1, 20));
        Duration pause = asked.filter(a -> a.compareTo(backoff) > 0).orElse(backoff);
        pause = pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
        LOG.warn("attempt {} of {} at {} failed: {}; trying again in {} ms", failedAttempt, options.tries(), uri, why,
                pause.toMillis());
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException(ErrorCode.CANCELLED, "interrupted while waiting to try registry "
                    + image.registry() + " again");
        }
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.skip(64 * 1024);
        } catch (IOException e) {
            LOG.debug("discarding an answer's body: {}", e.toString());
        }
    }
}
