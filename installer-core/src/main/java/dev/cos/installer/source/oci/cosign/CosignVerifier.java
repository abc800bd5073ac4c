package dev.cos.installer.source.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.BlobStreams;
import dev.cos.installer.source.oci.Descriptor;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageManifest;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.oci.ManifestBytes;
import dev.cos.installer.source.oci.ManifestNotFoundException;
import dev.cos.installer.source.oci.MediaTypes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an image's cosign signatures the way cosign stores them in a registry: the manifest tagged
 * {@code sha256-<hex>.sig} beside the image holds one "simple signing" layer per signature, whose blob
 * is the signed payload (JSON naming the image's manifest digest) and whose annotation
 * {@code dev.cosignproject.cosign/signature} is the base64 ECDSA signature (SHA-256) of those bytes.
 * A signature counts when a key given verifies it AND its payload is a cosign image signature of
 * exactly the pinned digest; the image name in the payload is shown, not trusted.
 */
public final class CosignVerifier {

    static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    static final String PAYLOAD_TYPE = "cosign container image signature";
    /** Payloads are a few hundred bytes; a larger blob is not read into memory. */
    static final long MAX_PAYLOAD_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CosignVerifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CosignVerifier() {
    }

    /** The tag cosign stores the signatures of {@code digest} under. */
    public static String signatureTag(Digest digest) {
        return "sha256-" + digest.hex() + ".sig";
    }

    /**
     * Verification on: the key that signed {@code pinnedDigest}.
     *
     * @param keys at least one key
     * @throws InstallerException SOURCE for an unsigned image, one signed by other keys, or a signature
     *     over another image; DOWNLOAD when the store cannot be read
     */
    public static CosignKey verify(ImageStore store, Digest pinnedDigest, List<CosignKey> keys) {
        if (keys.isEmpty()) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "signature verification is on but no cosign key is given:"
                    + " name the signer's public key with cosign-key");
        }
        SignatureStatus status = check(store, pinnedDigest, keys);
        if (status instanceof SignatureStatus.Verified verified) {
            return verified.key();
        }
        throw new InstallerException(ErrorCode.SOURCE, status.refusal().orElseThrow());
    }

    /**
     * What the signatures of {@code pinnedDigest} say, checked against {@code keys} (none: only counted).
     * Reads the signature manifest and payloads from the store; changes nothing.
     *
     * @throws InstallerException DOWNLOAD when the store cannot be read, SOURCE for a damaged blob
     */
    public static SignatureStatus check(ImageStore store, Digest pinnedDigest, List<CosignKey> keys) {
        String tag = signatureTag(pinnedDigest);
        String image = pinnedDigest + " in " + store.describe();
        LOG.info("looking for cosign signatures of {} under the tag {}", image, tag);
        List<Descriptor> layers;
        try {
            layers = signatureLayers(store.manifest(tag), tag, store.describe());
        } catch (ManifestNotFoundException e) {
            LOG.info("no signature tag: {}", e.getMessage());
            layers = List.of();
        }
        if (layers.isEmpty()) {
            return new SignatureStatus.Unsigned(pinnedDigest, "no cosign signature for " + image
                    + ": sign it (cosign sign --key), or turn signature verification off (cosign: false)");
        }
        if (keys.isEmpty()) {
            return new SignatureStatus.NotChecked(layers.size());
        }
        Optional<SignatureStatus> forOther = Optional.empty();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            byte[] payload = BlobStreams.readSmall(store, layer, "signature " + (i + 1) + " of " + image, MAX_PAYLOAD_BYTES,
                    "a cosign signature's payload");
            byte[] signature = signatureBytes(layer);
            for (CosignKey key : keys) {
                if (!signedBy(key, payload, signature)) {
                    continue;
                }
                SignedPayload signed = SignedPayload.parse(payload);
                if (signed.isImageSignatureOf(pinnedDigest)) {
                    LOG.info("{} is signed by the key {} ({})", image, key.fingerprint(), key.origin());
                    return new SignatureStatus.Verified(key, signed.identity());
                }
                LOG.warn("signature {} of {} is by the key {} but over {}", i + 1, image, key.fingerprint(), signed.describe());
                forOther = Optional.of(new SignatureStatus.SignedForOther(key, signed.digest(), "the cosign signature"
                        + " beside " + image + " is made by the key " + key.fingerprint() + " but over " + signed.describe()
                        + ", not over this image: it was copied from elsewhere, so the image is refused."
                        + " Sign this image's digest with cosign sign --key"));
            }
        }
        if (forOther.isPresent()) {
            return forOther.get();
        }
        List<String> fingerprints = keys.stream().map(key -> key.fingerprint() + " (" + key.origin() + ")").toList();
        String count = layers.size() == 1 ? "a cosign signature" : layers.size() + " cosign signatures";
        return new SignatureStatus.SignedByOtherKey(layers.size(), keys.stream().map(CosignKey::fingerprint).toList(),
                image + " has " + count + ", but none is made by the key " + String.join(" or ", fingerprints)
                        + ": give the public key of the image's signer as cosign-key, or have the image signed with"
                        + " the key given");
    }

    // The simple-signing layers of a signature manifest; anything else in it (attestations, a config) is not a signature.
    private static List<Descriptor> signatureLayers(ManifestBytes manifest, String tag, String where) {
        if (!MediaTypes.isManifest(manifest.mediaType())) {
            LOG.warn("the signature tag {} holds a {}, not an image manifest: no signatures in it", tag, manifest.mediaType());
            return List.of();
        }
        return ImageManifest.parse(manifest, "the signature manifest " + tag + " in " + where).layers().stream()
                .filter(layer -> SIMPLE_SIGNING.equals(layer.mediaType()) && layer.annotations().containsKey(SIGNATURE_ANNOTATION))
                .toList();
    }

    private static byte[] signatureBytes(Descriptor layer) {
        try {
            return Base64.getDecoder().decode(layer.annotations().get(SIGNATURE_ANNOTATION).strip());
        } catch (IllegalArgumentException e) {
            LOG.warn("signature layer {} has an annotation that is not base64: it verifies with no key", layer.digest());
            return new byte[0];
        }
    }

    private static boolean signedBy(CosignKey key, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key.publicKey());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // not a DER ECDSA signature: made by no key
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify ECDSA signatures", e);
        }
    }

    /**
     * The fields of a signed payload this check reads: {@code critical.type},
     * {@code critical.image.docker-manifest-digest} and {@code critical.identity.docker-reference}.
     */
    record SignedPayload(Optional<String> type, Optional<Digest> digest, Optional<String> identity) {

        static SignedPayload parse(byte[] payload) {
            JsonNode critical;
            try {
                critical = JSON.readTree(payload).path("critical");
            } catch (IOException e) {
                return new SignedPayload(Optional.empty(), Optional.empty(), Optional.empty());
            }
            Optional<Digest> digest;
            try {
                digest = text(critical.path("image").path("docker-manifest-digest")).map(d -> Digest.parse(d, "a signed payload"));
            } catch (InstallerException e) {
                digest = Optional.empty();
            }
            return new SignedPayload(text(critical.path("type")), digest, text(critical.path("identity").path("docker-reference")));
        }

        boolean isImageSignatureOf(Digest pinned) {
            return type.filter(PAYLOAD_TYPE::equals).isPresent() && digest.filter(pinned::equals).isPresent();
        }

        String describe() {
            if (type.filter(PAYLOAD_TYPE::equals).isEmpty()) {
                return "a payload that is not a cosign image signature (type " + type.orElse("missing") + ")";
            }
            return digest.map(d -> "the image " + d + identity.map(name -> " (" + name + ")").orElse(""))
                    .orElse("a payload that names no image digest");
        }

        private static Optional<String> text(JsonNode node) {
            return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
        }
    }
}
