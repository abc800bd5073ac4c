package dev.cos.installer.testsupport.registry;

import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real container registry for tests: Debian's {@code /usr/bin/docker-registry} (the distribution
 * registry 2.8) on 127.0.0.1 at a free port, with its own storage in a directory the test owns (an
 * {@code @TempDir}), TLS from a CA the test makes ({@link TestCa}, openssl), and optionally htpasswd basic
 * auth (the hash made by apache2-utils' htpasswd) or token auth (the registry's {@code auth: token} with a
 * {@link TokenIssuer} in this JVM). Images are pushed with {@code skopeo copy}, not with the installer's
 * code. {@link #close()} stops the registry process this started, by its own handle.
 *
 * <pre>{@code
 * try (TestRegistry registry = TestRegistry.in(dir).htpasswd("alice", "secret").start()) {
 *     registry.push(layoutDir, "cos/demo:1.0");
 *     ImageReference ref = ImageReference.parse(registry.reference("cos/demo:1.0"));
 *     // trust registry.caCertificate(), log in as registry.user() / registry.password()
 * }
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestRegistry.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A request the token issuer answered: the account it authenticated (empty: anonymous), the scopes asked, its status. */
    public record TokenRequest(Optional<String> account, List<String> scopes, int status) {}

    /** How clients authenticate. */
    public enum Auth { ANONYMOUS, HTPASSWD, TOKEN }

    /** What to start; {@link #start()} starts it. */
    public static final class Builder {
        private final Path dir;
        private Auth auth = Auth.ANONYMOUS;
        private String user = "";
        private String password = "";
        private boolean anonymousPull;
        private boolean tls = true;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** Basic auth from an htpasswd file with this one user. */
        public Builder htpasswd(String user, String password) {
            this.auth = Auth.HTPASSWD;
            this.user = user;
            this.password = password;
            return this;
        }

        /**
         * Token auth: the token issuer grants everything to {@code user}/{@code password}, refuses wrong
         * credentials, and grants anonymous clients pull when {@code anonymousPull}.
         */
        public Builder token(String user, String password, boolean anonymousPull) {
            this.auth = Auth.TOKEN;
            this.user = user;
            this.password = password;
            this.anonymousPull = anonymousPull;
            return this;
        }

        /** Plain http instead of TLS (for the "insecure registries only" rule). */
        public Builder plainHttp() {
            this.tls = false;
            return this;
        }

        public TestRegistry start() {
            return new TestRegistry(this);
        }
    }

    private final Path dir;
    private final Builder config;
    private final TestCa ca;
    private final Optional<TokenIssuer> issuer;
    private final int port;
    private final Process process;
    private Thread stopAtExit;

    /** A registry whose files (storage, config, certificates, log) all live under {@code dir}. */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    private TestRegistry(Builder config) {
        this.config = config;
        this.dir = config.dir;
        try {
            Files.createDirectories(dir.resolve("storage"));
            ca = TestCa.create(dir.resolve("tls"));
            Files.createDirectories(certDir());
            Files.copy(ca.caCertificate(), certDir().resolve("ca.crt"));
            issuer = config.auth == Auth.TOKEN
                    ? Optional.of(new TokenIssuer(ca, config.user, config.password, config.anonymousPull))
                    : Optional.empty();
            if (config.auth == Auth.HTPASSWD) {
                // -B: bcrypt, the only hash the registry's htpasswd reader accepts.
                Tools.run("htpasswd", "-B", "-b", "-c", dir.resolve("htpasswd").toString(), config.user, config.password);
            }
            port = freePort();
            Path yaml = dir.resolve("config.yml");
            Files.writeString(yaml, configYaml());
            List<String> argv = List.of("/usr/bin/docker-registry", "serve", yaml.toString());
            LOG.info("starting a test registry: {}", argv);
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            // A test run interrupted (Ctrl-C, a CI timeout's SIGTERM) still stops the registry it started.
            Process started = process;
            stopAtExit = new Thread(started::destroy, "stop-test-registry-" + port);
            Runtime.getRuntime().addShutdownHook(stopAtExit);
            awaitListening();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private String configYaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("version: 0.1\n")
                .append("log:\n  level: info\n  accesslog:\n    disabled: false\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage()).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: cos-test-registry-secret\n");
        if (config.tls) {
            yaml.append("  tls:\n    certificate: ").append(ca.serverCertificate())
                    .append("\n    key: ").append(ca.serverKey()).append('\n');
        }
        switch (config.auth) {
            case ANONYMOUS -> { }
            case HTPASSWD -> yaml.append("auth:\n  htpasswd:\n    realm: cos-test-registry\n    path: ")
                    .append(dir.resolve("htpasswd")).append('\n');
            case TOKEN -> yaml.append("auth:\n  token:\n    realm: ").append(issuer.orElseThrow().realm())
                    .append("\n    service: ").append(TokenIssuer.SERVICE)
                    .append("\n    issuer: ").append(TokenIssuer.ISSUER)
                    .append("\n    rootcertbundle: ").append(ca.tokenSignerCertificate()).append('\n');
        }
        return yaml.toString();
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test registry exited " + process.exitValue() + " at start:\n"
                        + Files.readString(log()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("the test registry did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s:\n" + Files.readString(log()));
    }

    /** {@code 127.0.0.1:<port>}: the registry part of a reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code oci:127.0.0.1:<port>/<repoTagOrDigest>}, e.g. for "cos/demo:1.0". */
    public String reference(String repoTagOrDigest) {
        return "oci:" + host() + "/" + repoTagOrDigest;
    }

    /** The CA certificate (PEM) that signed the registry's and token issuer's certificate. */
    public Path caCertificate() {
        return ca.caCertificate();
    }

    /** A directory holding {@code ca.crt}, as skopeo's {@code --dest-cert-dir}/{@code --src-cert-dir} take it. */
    public Path certDir() {
        return dir.resolve("certs");
    }

    public Auth auth() {
        return config.auth;
    }

    public boolean tls() {
        return config.tls;
    }

    /** The user the registry accepts ("" when anonymous). */
    public String user() {
        return config.user;
    }

    public String password() {
        return config.password;
    }

    /** The registry's storage root (its filesystem driver's {@code rootdirectory}). */
    public Path storage() {
        return dir.resolve("storage");
    }

    /** Where the registry keeps the blob {@code digest} ("sha256:<hex>") on disk: alter it to test digest checks. */
    public Path blobData(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return storage().resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** The manifest digest ("sha256:...") the registry's storage links {@code repo}:{@code tag} to, read from disk. */
    public String tagDigest(String repo, String tag) {
        try {
            return Files.readString(storage().resolve("docker/registry/v2/repositories").resolve(repo)
                    .resolve("_manifests/tags").resolve(tag).resolve("current/link")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's log (its access log included). */
    public Path log() {
        return dir.resolve("registry.log");
    }

    /** The token requests answered so far (token auth only). */
    public List<TokenRequest> tokenRequests() {
        return issuer.map(TokenIssuer::requests).orElse(List.of());
    }

    /**
     * Pushes the only image of the OCI layout {@code layoutDir} as {@code repoTag} ("cos/demo:1.0") with
     * {@code skopeo copy --all} (an index with all its platforms); {@code copyOptions} are added to skopeo's
     * copy options, e.g. {@code --format v2s2} or {@code --dest-compress-format zstd}.
     */
    public void push(Path layoutDir, String repoTag, String... copyOptions) {
        copy(List.of(), "oci:" + layoutDir, repoTag, Arrays.asList(copyOptions));
    }

    /**
     * {@code skopeo [globalOptions] copy --all [TLS and credential options] [copyOptions] source
     * docker://<host>/<repoTag>}. {@code source} is any skopeo source ("oci:DIR:TAG", "oci-archive:FILE");
     * {@code globalOptions} e.g. {@code --registries.d DIR}.
     */
    public void copy(List<String> globalOptions, String source, String repoTag, List<String> copyOptions) {
        List<String> argv = new ArrayList<>(List.of("skopeo"));
        argv.addAll(globalOptions);
        argv.addAll(List.of("copy", "--all", "--retry-times", "2"));
        argv.addAll(destinationOptions());
        argv.addAll(copyOptions);
        argv.add(source);
        argv.add("docker://" + host() + "/" + repoTag);
        Tools.run(argv.toArray(String[]::new));
    }

    /** skopeo's options to reach this registry as a destination: its CA (or no TLS) and its credentials. */
    public List<String> destinationOptions() {
        List<String> options = new ArrayList<>();
        if (config.tls) {
            options.addAll(List.of("--dest-cert-dir", certDir().toString()));
        } else {
            options.add("--dest-tls-verify=false");
        }
        if (config.auth != Auth.ANONYMOUS) {
            options.addAll(List.of("--dest-creds", config.user + ":" + config.password));
        }
        return options;
    }

    /** Whether the registry process is still running. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the registry process (and the token issuer) now: "registry down". Idempotent. */
    public void stop() {
        if (process != null && process.isAlive()) {
            LOG.info("stopping the test registry (pid {})", process.pid());
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (issuer != null) {
            issuer.ifPresent(TokenIssuer::close);
        }
        if (stopAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: nothing left to do
            }
            stopAtExit = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test registry", e);
        }
    }
}
