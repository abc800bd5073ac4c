package dev.cos.installer.source.oci;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ImageStore in memory for unit tests, with helpers that write manifests, configs and indexes into it. */
final class MemoryImageStore implements ImageStore {

    private final Map<Digest, byte[]> blobs = new HashMap<>();
    private final Map<Digest, String> manifestTypes = new HashMap<>();
    private final Map<String, Digest> tags = new HashMap<>();
    final List<String> blobReads = new ArrayList<>();

    Descriptor blob(String mediaType, byte[] bytes) {
        Digest digest = Digest.of(bytes);
        blobs.put(digest, bytes);
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /** Replaces a blob's bytes while its descriptor keeps the old digest: a blob altered in the store. */
    void alter(Descriptor blob, byte[] bytes) {
        blobs.put(blob.digest(), bytes);
    }

    Descriptor manifest(String mediaType, String json) {
        Descriptor descriptor = blob(mediaType, json.getBytes(StandardCharsets.UTF_8));
        manifestTypes.put(descriptor.digest(), mediaType);
        return descriptor;
    }

    void tag(String tag, Descriptor manifest) {
        tags.put(tag, manifest.digest());
    }

    /** An OCI image of these layers (gzip layers) with a config for {@code platform}, tagged {@code tag}. */
    Descriptor image(String tag, Platform platform, byte[]... gzipLayers) {
        Descriptor config = blob(MediaTypes.OCI_CONFIG, config(platform, "2026-12-01T10:00:00Z", Map.of()).getBytes(StandardCharsets.UTF_8));
        List<Descriptor> layers = new ArrayList<>();
        for (byte[] layer : gzipLayers) {
            layers.add(blob(MediaTypes.OCI_LAYER_GZIP, layer));
        }
        Descriptor manifest = manifest(MediaTypes.OCI_MANIFEST, manifestJson(MediaTypes.OCI_MANIFEST, config, layers));
        if (tag != null) {
            tag(tag, manifest);
        }
        return manifest;
    }

    static String config(Platform platform, String created, Map<String, String> labels) {
        StringBuilder l = new StringBuilder();
        labels.forEach((k, v) -> l.append(l.length() == 0 ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return "{\"created\":\"" + created + "\",\"architecture\":\"" + platform.architecture() + "\",\"os\":\""
                + platform.os() + "\"" + platform.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse("")
                + ",\"config\":{\"Labels\":{" + l + "}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    }

    static String manifestJson(String mediaType, Descriptor config, List<Descriptor> layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":")
                .append(descriptorJson(config)).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ",").append(descriptorJson(layers.get(i)));
        }
        return json.append("]}").toString();
    }

    static String indexJson(String mediaType, Map<Descriptor, Platform> manifests) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[");
        boolean first = true;
        for (Map.Entry<Descriptor, Platform> m : manifests.entrySet()) {
            Descriptor d = m.getKey();
            Platform p = m.getValue();
            json.append(first ? "" : ",").append("{\"mediaType\":\"").append(d.mediaType()).append("\",\"digest\":\"")
                    .append(d.digest()).append("\",\"size\":").append(d.size()).append(",\"platform\":{\"os\":\"")
                    .append(p.os()).append("\",\"architecture\":\"").append(p.architecture()).append("\"")
                    .append(p.variant().map(v -> ",\"variant\":\"" + v + "\"").orElse("")).append("}}");
            first = false;
        }
        return json.append("]}").toString();
    }

    static String descriptorJson(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
    }

    /** Writes every blob and an index.json of {@code tagged} (tag -> manifest) as an OCI layout directory. */
    void writeLayout(java.nio.file.Path dir, Map<String, Descriptor> tagged) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("blobs/sha256"));
        java.nio.file.Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        for (Map.Entry<Digest, byte[]> blob : blobs.entrySet()) {
            java.nio.file.Files.write(dir.resolve("blobs/sha256/" + blob.getKey().hex()), blob.getValue());
        }
        StringBuilder index = new StringBuilder("{\"schemaVersion\":2,\"manifests\":[");
        boolean first = true;
        for (Map.Entry<String, Descriptor> entry : tagged.entrySet()) {
            Descriptor d = entry.getValue();
            index.append(first ? "" : ",").append("{\"mediaType\":\"").append(d.mediaType()).append("\",\"digest\":\"")
                    .append(d.digest()).append("\",\"size\":").append(d.size())
                    .append(",\"annotations\":{\"org.opencontainers.image.ref.name\":\"").append(entry.getKey()).append("\"}}");
            first = false;
        }
        java.nio.file.Files.writeString(dir.resolve("index.json"), index.append("]}"));
    }

    @Override
    public ManifestBytes manifest(String tagOrDigest) {
        Digest digest = tagOrDigest.startsWith("sha256:") ? Digest.parse(tagOrDigest, "test") : tags.get(tagOrDigest);
        if (digest == null || !manifestTypes.containsKey(digest)) {
            throw new ManifestNotFoundException("no manifest " + tagOrDigest + " in " + describe());
        }
        return new ManifestBytes(blobs.get(digest), manifestTypes.get(digest), digest);
    }

    @Override
    public InputStream openBlob(Descriptor blob, long offset) {
        synchronized (blobReads) {
            blobReads.add(blob.digest().shortForm() + "@" + offset);
        }
        byte[] bytes = Optional.ofNullable(blobs.get(blob.digest())).orElseThrow();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        in.skip(offset);
        return in;
    }

    @Override
    public String describe() {
        return "the test store";
    }
}
