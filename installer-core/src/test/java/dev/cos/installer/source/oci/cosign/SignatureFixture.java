package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cosign signatures laid out as cosign stores them (written from cosign's documented format, not from
 * the verifier): one simple-signing payload blob per signature, each with its base64 signature in the
 * {@code dev.cosignproject.cosign/signature} annotation, listed by an OCI manifest tagged
 * {@code sha256-<hex>.sig}. Into an {@link InMemoryImageStore}, or into an OCI layout for skopeo to push.
 */
final class SignatureFixture {

    record Layer(byte[] payload, String signatureBase64) {
    }

    private final List<Layer> layers = new ArrayList<>();

    static String payload(String type, Digest digest, String identity) {
        return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + identity + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest + "\"},\"type\":\"" + type + "\"},\"optional\":null}";
    }

    static String imagePayload(Digest digest) {
        return payload("cosign container image signature", digest, "127.0.0.1:5000/cos/demo");
    }

    static String sign(PrivateKey key, byte[] payload) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a signature by {@code key} over {@code payload}. */
    SignatureFixture signed(PrivateKey key, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return layer(bytes, sign(key, bytes));
    }

    SignatureFixture layer(byte[] payload, String signatureBase64) {
        layers.add(new Layer(payload, signatureBase64));
        return this;
    }

    /** Stores the payloads and the signature manifest for {@code image} under cosign's tag. */
    void publishTo(InMemoryImageStore store, Digest image) {
        blobs().forEach(store::putBlob);
        store.putManifest(CosignVerifier.signatureTag(image), ManifestBytes.of(manifest(), MediaTypes.OCI_MANIFEST));
    }

    /**
     * Writes an OCI image layout at {@code dir} holding the signature manifest as {@code tag}, for
     * {@code skopeo copy oci:DIR:TAG docker://.../repo:sha256-<hex>.sig}.
     */
    Path writeLayout(Path dir, String tag) {
        try {
            Path blobDir = Files.createDirectories(dir.resolve("blobs/sha256"));
            for (Map.Entry<Digest, byte[]> blob : blobs().entrySet()) {
                Files.write(blobDir.resolve(blob.getKey().hex()), blob.getValue());
            }
            byte[] manifest = manifest();
            Files.write(blobDir.resolve(Digest.of(manifest).hex()), manifest);
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                    + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(manifest) + "\",\"size\":" + manifest.length
                    + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] config() {
        StringBuilder diffIds = new StringBuilder();
        for (Layer layer : layers) {
            diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(Digest.of(layer.payload())).append('"');
        }
        return ("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<Digest, byte[]> blobs() {
        Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        layers.forEach(layer -> blobs.put(Digest.of(layer.payload()), layer.payload()));
        blobs.put(Digest.of(config()), config());
        return blobs;
    }

    private byte[] manifest() {
        byte[] config = config();
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.of(config)
                + "\",\"size\":" + config.length + "},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",")
                    .append("\"digest\":\"").append(Digest.of(layer.payload())).append("\",\"size\":").append(layer.payload().length)
                    .append(",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"").append(layer.signatureBase64())
                    .append("\"}}");
        }
        return manifest.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
