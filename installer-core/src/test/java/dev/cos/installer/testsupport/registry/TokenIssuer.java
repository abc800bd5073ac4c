package dev.cos.installer.testsupport.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The token server of a registry in {@code auth: token} mode (the Docker token protocol), on the JDK's
 * HttpsServer: {@code GET /token?service=S&scope=repository:NAME:pull,push} answers a JWT signed (RS256)
 * by the key whose certificate is the registry's {@code rootcertbundle}, named in the token's {@code x5c}
 * header. With the right basic-auth credentials every scope asked is granted; without credentials only
 * pull (when anonymous pull is on); wrong credentials are answered 401.
 */
final class TokenIssuer implements AutoCloseable {

    static final String ISSUER = "cos-test-token-issuer";
    static final String SERVICE = "cos-test-registry";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final String user;
    private final String password;
    private final boolean anonymousPull;
    private final PrivateKey signingKey;
    private final X509Certificate signer;
    private final List<TestRegistry.TokenRequest> requests = new CopyOnWriteArrayList<>();

    TokenIssuer(TestCa ca, String user, String password, boolean anonymousPull) {
        this.user = user;
        this.password = password;
        this.anonymousPull = anonymousPull;
        this.signingKey = ca.tokenSignerKey();
        this.signer = ca.tokenSigner();
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/token", this::answer);
        server.start();
    }

    /** The realm the registry sends clients to. */
    String realm() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    List<TestRegistry.TokenRequest> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
            List<String> scopes = query.getOrDefault("scope", List.of());
            Optional<String[]> given = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            if (given.isPresent() && !(given.get()[0].equals(user) && given.get()[1].equals(password))) {
                requests.add(new TestRegistry.TokenRequest(Optional.of(given.get()[0]), scopes, 401));
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"wrong user name or password\"}]}");
                return;
            }
            Optional<String> account = given.map(g -> g[0]);
            List<Map<String, Object>> access = new ArrayList<>();
            for (String scope : scopes) {
                String[] parts = scope.split(":");
                if (parts.length != 3 || !parts[0].equals("repository")) {
                    continue;
                }
                List<String> actions = List.of(parts[2].split(","));
                List<String> granted = account.isPresent() ? actions
                        : actions.stream().filter(a -> anonymousPull && a.equals("pull")).toList();
                access.add(Map.of("type", "repository", "name", parts[1], "actions", granted));
            }
            String token = token(account.orElse(""), access);
            requests.add(new TestRegistry.TokenRequest(account, scopes, 200));
            send(exchange, 200, JSON.writeValueAsString(Map.of("token", token, "access_token", token,
                    "expires_in", 300, "issued_at", Instant.now().toString())));
        }
    }

    private String token(String subject, List<Map<String, Object>> access) throws IOException {
        try {
            long now = Instant.now().getEpochSecond();
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", "RS256");
            header.put("x5c", List.of(Base64.getEncoder().encodeToString(signer.getEncoded())));
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE);
            claims.put("exp", now + 300);
            claims.put("nbf", now - 60);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("access", access);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signed = url.encodeToString(JSON.writeValueAsBytes(header)) + "." + url.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + url.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the token", e);
        }
    }

    private static Optional<String[]> basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return Optional.of(colon < 0 ? new String[] {decoded, ""}
                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
