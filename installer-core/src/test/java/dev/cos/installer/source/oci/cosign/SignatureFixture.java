package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes cosign signatures into an {@link InMemoryImageStore} as cosign lays them out: a payload blob per
 * signature and a manifest tagged {@code sha256-<hex>.sig} listing them. Written from cosign's documented
 * format, independently of the verifier (the IT checks the verifier against skopeo's signatures too).
 */
final class SignatureFixture {

    record Layer(byte[] payload, String signatureBase64) {
    }

    private final InMemoryImageStore store;
    private final List<Layer> layers = new ArrayList<>();

    SignatureFixture(InMemoryImageStore store) {
        this.store = store;
    }

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
    void publishFor(Digest image) {
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.of(new byte[0])
                + "\",\"size\":0},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Digest digest = Digest.of(layer.payload());
            store.putBlob(digest, layer.payload());
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",")
                    .append("\"digest\":\"").append(digest).append("\",\"size\":").append(layer.payload().length)
                    .append(",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"").append(layer.signatureBase64())
                    .append("\"}}");
        }
        manifest.append("]}");
        store.putManifest("sha256-" + image.hex() + ".sig",
                ManifestBytes.of(manifest.toString().getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST));
    }
}
