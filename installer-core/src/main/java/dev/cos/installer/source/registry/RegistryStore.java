package dev.cos.installer.source.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.ManifestNotFoundException;
import dev.cos.installer.source.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repository of a container registry as an {@link ImageStore}, over the distribution API v2 on
 * java.net.http: manifests by tag or digest (GET, Accept: {@link MediaTypes#MANIFEST_ACCEPT}), tags
 * resolved with HEAD, blobs read from an offset with {@code Range}. A manifest's digest is computed from
 * its bytes, never taken from the registry's {@code Docker-Content-Digest}, and a manifest fetched by
 * digest must have it. Logins, TLS, retries: {@link RegistryClient}.
 */
public final class RegistryStore implements ImageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The registry's own limit for a manifest (distribution refuses larger ones at push). */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
    private static final int TAGS_SHOWN = 10;
    private static final String ACCEPT = String.join(", ", MediaTypes.MANIFEST_ACCEPT);

    private final ImageReference image;
    private final RegistryClient client;
    private final Duration idleTimeout;

    RegistryStore(ImageReference image, RegistryClient client, Duration idleTimeout) {
        this.image = image;
        this.client = client;
        this.idleTimeout = idleTimeout;
    }

    /** The repository of {@code image} in its registry; nothing is sent until a manifest or blob is asked for. */
    public static RegistryStore open(ImageReference image, RegistryOptions options) {
        return open(image, options, pause -> Thread.sleep(pause.toMillis()));
    }

    /** As {@link #open(ImageReference, RegistryOptions)}, pausing between attempts with {@code sleeper} (tests). */
    static RegistryStore open(ImageReference image, RegistryOptions options, RegistryClient.Sleeper sleeper) {
        // HTTP/1.1: parallel layers get a connection each, and a broken one breaks only its own transfer.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(options.connectTimeout())
                .sslContext(RegistryTls.context(options.caFile())).build();
        return new RegistryStore(image, new RegistryClient(http, image, options, sleeper), options.idleTimeout());
    }

    @Override
    public ManifestBytes manifest(String tagOrDigest) {
        String what = "the manifest " + tagOrDigest + " of " + image.name();
        HttpResponse<InputStream> response = client.send("GET", "manifests/" + tagOrDigest, Map.of("Accept", ACCEPT), what);
        byte[] bytes;
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                RegistryFailures.errorCodes(body);
                throw missing(tagOrDigest);
            }
            if (response.statusCode() != 200) {
                throw client.failures().status(what, response.statusCode(), RegistryFailures.errorCodes(body));
            }
            bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw client.failures().connection(response.uri(), e, 1, Duration.ZERO);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new InstallerException(ErrorCode.SOURCE, what + " in registry " + image.registry() + " is larger than "
                    + MAX_MANIFEST_BYTES + " bytes: it is not an image manifest; check the reference");
        }
        ManifestBytes manifest = ManifestBytes.of(bytes, mediaType(response, bytes));
        if (tagOrDigest.startsWith("sha256:") && !manifest.digest().toString().equals(tagOrDigest)) {
            throw new InstallerException(ErrorCode.SOURCE, what + " from registry " + image.registry() + " should have the digest "
                    + tagOrDigest + " but its content has the digest " + manifest.digest()
                    + ": it was altered or damaged, so it is refused");
        }
        LOG.info("manifest {} of {}: {} ({} bytes, {})", tagOrDigest, image.name(), manifest.digest(), bytes.length,
                manifest.mediaType());
        return manifest;
    }

    /**
     * The digest {@code tag} points at, from a HEAD request's {@code Docker-Content-Digest} (no manifest
     * downloaded: the tray's update check). Pulling by that digest then checks it against the bytes.
     * A registry that does not give the header is asked for the manifest itself.
     */
    @Override
    public Digest resolve(String tag) {
        String what = "the tag " + tag + " of " + image.name();
        HttpResponse<InputStream> response = client.send("HEAD", "manifests/" + tag, Map.of("Accept", ACCEPT), what);
        RegistryClient.discard(response);
        if (response.statusCode() == 404) {
            // A HEAD answer has no body: GET says whether the tag or the whole repository is missing.
            return manifest(tag).digest();
        }
        if (response.statusCode() != 200) {
            throw client.failures().status(what, response.statusCode(), List.of());
        }
        Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
        if (header.isEmpty()) {
            return manifest(tag).digest();
        }
        return Digest.parse(header.get(), what + " in registry " + image.registry());
    }

    @Override
    public InputStream openBlob(Descriptor blob, long offset) throws IOException {
        String what = "the blob " + blob.digest() + " of " + image.name();
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        HttpResponse<InputStream> response = client.send("GET", "blobs/" + blob.digest(), headers, what);
        int status = response.statusCode();
        if (status == 404) {
            RegistryClient.discard(response);
            throw client.failures().missingBlob(blobKind(blob), blob.digest().toString());
        }
        if (status == 206) {
            Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
                RegistryClient.discard(response);
                throw new IOException("registry " + image.registry() + " sent another part of " + what + " than asked"
                        + " (Content-Range: " + response.headers().firstValue("Content-Range").orElse("none")
                        + ", asked from byte " + offset + ")");
            }
            return StallGuard.guard(response.body(), idleTimeout);
        }
        if (status == 200) {
            InputStream body = StallGuard.guard(response.body(), idleTimeout);
            if (offset > 0) {
                LOG.info("registry {} ignored the range of {}: skipping {} bytes already read", image.registry(), what, offset);
                body.skipNBytes(offset);
            }
            return body;
        }
        throw client.failures().status(what, status, RegistryFailures.errorCodes(response.body()));
    }

    /**
     * Why a manifest is not there: the repository is unknown, or it lacks the tag (its tags are named). The
     * registry's 404 for a manifest does not tell (distribution says MANIFEST_UNKNOWN for both), its tag
     * list does.
     */
    private ManifestNotFoundException missing(String tagOrDigest) {
        HttpResponse<InputStream> response = client.send("GET", "tags/list?n=" + (TAGS_SHOWN + 1), Map.of(),
                "the tags of " + image.name());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return client.failures().missingRepository();
            }
            List<String> tags = new java.util.ArrayList<>();
            if (response.statusCode() == 200) {
                JSON.readTree(body.readNBytes(MAX_MANIFEST_BYTES)).path("tags").forEach(t -> tags.add(t.asText()));
            }
            return client.failures().missing(tagOrDigest, tags, TAGS_SHOWN);
        } catch (IOException e) {
            return client.failures().missing(tagOrDigest, List.of(), TAGS_SHOWN);
        }
    }

    @Override
    public String describe() {
        return "registry " + image.registry();
    }

    private static String blobKind(Descriptor blob) {
        String type = blob.mediaType().toLowerCase(Locale.ROOT);
        return type.contains("config") ? "image config" : type.contains("layer") ? "layer" : "blob";
    }

    /** The answer's Content-Type without parameters; when it is missing or plain JSON, the manifest's own mediaType field. */
    private static String mediaType(HttpResponse<?> response, byte[] bytes) {
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse("");
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("text/plain")) {
            return type;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(bytes);
            String field = json.path("mediaType").asText("");
            // OCI 1.0 let the field out: an index is told by its manifests list.
            return !field.isEmpty() ? field : json.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.SOURCE, "the manifest of " + response.uri() + " is not JSON: check the reference");
        }
    }
}
