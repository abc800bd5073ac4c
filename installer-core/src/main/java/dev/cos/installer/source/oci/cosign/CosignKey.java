package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.source.oci.Digest;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * A cosign public key (ECDSA P-256) that image signatures are checked against.
 *
 * @param publicKey the key
 * @param origin where it was read from, for messages ("/etc/cos/cosign.pub")
 */
public record CosignKey(ECPublicKey publicKey, String origin) {

    public CosignKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * How people are shown the key: {@code sha256:} and the first 16 hex digits of the SHA-256 of its
     * DER SubjectPublicKeyInfo (the bytes of the PEM file's body), so it can be compared with
     * {@code openssl pkey -pubin -outform DER | sha256sum} of the same file.
     */
    public String fingerprint() {
        return "sha256:" + Digest.of(publicKey.getEncoded()).hex().substring(0, 16);
    }
}
