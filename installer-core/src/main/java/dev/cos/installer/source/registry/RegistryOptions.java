package dev.cos.installer.source.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How registries are reached: a CA file trusted beside the system's trust store ({@code registries:
 * ca-file}, {@code --registry-ca}), the registries allowed over plain http ({@code registries: insecure:},
 * as containers' registries.conf names them: host[:port]), the credentials, and the timeouts and retries.
 *
 * @param caFile PEM certificates (one or more) trusted in addition to the system's
 * @param insecure host[:port] of registries spoken to over plain http (never https for them)
 * @param connectTimeout how long a TCP + TLS connection may take
 * @param answerTimeout how long a request may wait for the response's headers
 * @param idleTimeout how long a blob transfer may receive nothing before it is given up (and resumed)
 * @param tries attempts per request in all (connection failures, HTTP 5xx and 429 are tried again)
 * @param firstBackoff the pause after the first failed attempt, doubled after each next one
 */
public record RegistryOptions(Optional<Path> caFile, Set<String> insecure, RegistryCredentials credentials,
        Duration connectTimeout, Duration answerTimeout, Duration idleTimeout, int tries, Duration firstBackoff) {

    public RegistryOptions {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        insecure = insecure.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
    }

    /**
     * The system trust store only, https only, {@code credentials}; 30 s to connect, 60 s to answer, 60 s
     * idle at most, 4 tries from 1 s.
     */
    public static RegistryOptions defaults(RegistryCredentials credentials) {
        return new RegistryOptions(Optional.empty(), Set.of(), credentials, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 4, Duration.ofSeconds(1));
    }

    public RegistryOptions withCaFile(Path file) {
        return new RegistryOptions(Optional.of(file), insecure, credentials, connectTimeout, answerTimeout, idleTimeout, tries, firstBackoff);
    }

    public RegistryOptions withInsecure(Set<String> hosts) {
        return new RegistryOptions(caFile, hosts, credentials, connectTimeout, answerTimeout, idleTimeout, tries, firstBackoff);
    }

    public RegistryOptions withRetries(int tries, Duration firstBackoff) {
        return new RegistryOptions(caFile, insecure, credentials, connectTimeout, answerTimeout, idleTimeout, tries, firstBackoff);
    }

    public RegistryOptions withTimeouts(Duration connect, Duration answer) {
        return new RegistryOptions(caFile, insecure, credentials, connect, answer, idleTimeout, tries, firstBackoff);
    }

    public RegistryOptions withIdleTimeout(Duration idle) {
        return new RegistryOptions(caFile, insecure, credentials, connectTimeout, answerTimeout, idle, tries, firstBackoff);
    }

    /** Whether {@code registry} (host[:port]) is spoken to over plain http. */
    public boolean isInsecure(String registry) {
        return insecure.contains(registry.toLowerCase(Locale.ROOT));
    }
}
