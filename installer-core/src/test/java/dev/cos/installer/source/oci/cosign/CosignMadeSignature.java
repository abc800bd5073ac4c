package dev.cos.installer.source.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.source.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A signature made by the real cosign CLI, with its key and another cosign key (test resources under
 * cosign/, whose README says where they come from).
 *
 * @param signedDigest the manifest digest cosign signed
 */
record CosignMadeSignature(Digest signedDigest, byte[] payload, String signatureBase64, CosignKey key, CosignKey otherKey) {

    static CosignMadeSignature load() {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(resource("cosign-made-signature.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CosignMadeSignature(Digest.parse(json.path("signedManifestDigest").asText(), "fixture"),
                Base64.getDecoder().decode(json.path("payloadBase64").asText()), json.path("signature").asText(),
                CosignKeys.parse(resource("cosign-made.pub"), "cosign-made.pub"),
                CosignKeys.parse(resource("cosign-made-other.pub"), "cosign-made-other.pub"));
    }

    /** The signature as cosign stored it, ready to be published for {@code image}. */
    SignatureFixture fixture() {
        return new SignatureFixture().layer(payload, signatureBase64);
    }

    private static String resource(String name) {
        try (InputStream in = CosignMadeSignature.class.getResourceAsStream("/cosign/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource cosign/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
