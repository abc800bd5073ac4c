package dev.cos.installer.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins for registries, looked up first in the config's {@code registry-auth} section, then in the
 * files containers and docker keep them in, in this order: {@code $REGISTRY_AUTH_FILE},
 * {@code /run/containers/0/auth.json} (root's podman/skopeo login), {@code ~/.docker/config.json}. In a file,
 * the {@code auths} key that names the image's repository most closely wins ({@code host/ns/repo}, then
 * {@code host/ns}, then {@code host}; Docker Hub also as {@code https://index.docker.io/v1/}). The
 * secrets are never logged: only which source a login came from.
 */
public final class RegistryCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCredentials.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCKER_HUB_KEYS = List.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "https://index.docker.io/v1/", "https://index.docker.io/v1", "https://registry-1.docker.io");

    private final Map<String, RegistryLogin> configured;
    private final List<Path> files;

    /**
     * @param configured the config's {@code registry-auth}: key host[:port] (or host/repository) -> login
     * @param files the auth files to read, in order of precedence; missing ones are skipped
     */
    public RegistryCredentials(Map<String, RegistryLogin> configured, List<Path> files) {
        Map<String, RegistryLogin> keys = new LinkedHashMap<>();
        configured.forEach((key, login) -> keys.put(normalize(key), login));
        this.configured = Map.copyOf(keys);
        this.files = List.copyOf(files);
    }

    /** No logins at all: every registry is asked anonymously. */
    public static RegistryCredentials none() {
        return new RegistryCredentials(Map.of(), List.of());
    }

    /**
     * The config's logins, then the standard files for {@code environment} ({@code REGISTRY_AUTH_FILE},
     * {@code HOME}).
     */
    public static RegistryCredentials standard(Map<String, RegistryLogin> configured, Map<String, String> environment) {
        List<Path> files = new ArrayList<>();
        Optional.ofNullable(environment.get("REGISTRY_AUTH_FILE")).filter(f -> !f.isBlank()).map(Path::of).ifPresent(files::add);
        files.add(Path.of("/run/containers/0/auth.json"));
        Optional.ofNullable(environment.get("HOME")).filter(h -> !h.isBlank())
                .ifPresent(home -> files.add(Path.of(home, ".docker", "config.json")));
        return new RegistryCredentials(configured, files);
    }

    /** The login for {@code image}'s registry (and repository), if any source has one. */
    public Optional<RegistryLogin> forImage(ImageReference image) {
        List<String> keys = candidateKeys(image);
        for (String key : keys) {
            RegistryLogin login = configured.get(key);
            if (login != null) {
                LOG.info("using the login of user {} for {} from the config (registry-auth: {})", login.username(), image.name(), key);
                return Optional.of(login);
            }
        }
        for (Path file : files) {
            Optional<RegistryLogin> login = fromFile(file, keys);
            if (login.isPresent()) {
                LOG.info("using the login of user {} for {} from {}", login.get().username(), image.name(), file);
                return login;
            }
        }
        return Optional.empty();
    }

    /** Most specific first: host/ns/repo, host/ns, host (and Docker Hub's other names for its host). */
    static List<String> candidateKeys(ImageReference image) {
        List<String> keys = new ArrayList<>();
        String path = image.repository();
        while (true) {
            keys.add(image.registry() + "/" + path);
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            path = path.substring(0, slash);
        }
        keys.add(image.registry());
        if (image.registry().equals(ImageReference.DOCKER_HUB)) {
            keys.addAll(DOCKER_HUB_KEYS);
        }
        return keys.stream().map(RegistryCredentials::normalize).distinct().toList();
    }

    private static Optional<RegistryLogin> fromFile(Path file, List<String> keys) {
        JsonNode auths;
        try {
            auths = JSON.readTree(Files.readAllBytes(file)).path("auths");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "cannot read the registry logins in " + file + " ("
                    + e.getMessage().lines().findFirst().orElse("") + "): fix or remove the file, or log in again", e.toString(), e);
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            entries.put(normalize(entry.getKey()), entry.getValue());
        }
        for (String key : keys) {
            JsonNode entry = entries.get(key);
            if (entry != null) {
                return Optional.of(login(entry, file, key));
            }
        }
        return Optional.empty();
    }

    private static RegistryLogin login(JsonNode entry, Path file, String key) {
        String from = file + " (auths: " + key + ")";
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return new RegistryLogin(entry.get("username").asText(), entry.get("password").asText(), from);
        }
        String auth = entry.path("auth").asText("");
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "the login for " + key + " in " + file
                    + " is not a base64 \"user:password\" in its \"auth\" field: log in again (podman login, skopeo login"
                    + " or docker login) or fix the file");
        }
        return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1), from);
    }

    /** Keys compare without a scheme, a trailing slash or case: "https://Host:5000/" is "host:5000". */
    private static String normalize(String key) {
        String k = key.strip();
        if (k.startsWith("https://index.docker.io/v1")) {
            return k;  // Docker Hub's legacy key is kept whole (listed as such in DOCKER_HUB_KEYS)
        }
        k = k.replaceFirst("^[a-zA-Z]+://", "");
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        int slash = k.indexOf('/');
        return slash < 0 ? k.toLowerCase(Locale.ROOT) : k.substring(0, slash).toLowerCase(Locale.ROOT) + k.substring(slash);
    }
}
