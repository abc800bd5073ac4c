package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.source.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * What the cosign signatures of an image say about it, checked against the keys given. Only
 * {@link Verified} lets an install go on when verification is on; every other case carries the message
 * that refuses it.
 */
public sealed interface SignatureStatus {

    /** One line for people: what {@code inspect}, the summary page and the tray show. */
    String summary();

    /** Why an install with verification on refuses the image: what is wrong and what to do; empty when verified. */
    Optional<String> refusal();

    /**
     * A signature made by {@code key} over a cosign payload naming exactly the pinned digest.
     *
     * @param signedIdentity the image name the signer wrote into the payload (not checked: the digest is)
     */
    record Verified(CosignKey key, Optional<String> signedIdentity) implements SignatureStatus {
        @Override
        public String summary() {
            return "signed by key " + key.fingerprint();
        }

        @Override
        public Optional<String> refusal() {
            return Optional.empty();
        }
    }

    /** No cosign signature was found for the digest. */
    record Unsigned(Digest digest, String message) implements SignatureStatus {
        @Override
        public String summary() {
            return "not signed";
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of(message);
        }
    }

    /** Signatures exist but none was made by any of the keys given. */
    record SignedByOtherKey(int signatures, List<String> keyFingerprints, String message) implements SignatureStatus {

        public SignedByOtherKey {
            keyFingerprints = List.copyOf(keyFingerprints);
        }

        @Override
        public String summary() {
            return "signed, but not by key " + String.join(" or ", keyFingerprints);
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of(message);
        }
    }

    /**
     * A signature by a key given, but over a payload that is not a cosign image signature of this digest:
     * a signature of another image (or of nothing) placed beside this one.
     *
     * @param signedDigest the digest the payload names, if it names one
     */
    record SignedForOther(CosignKey key, Optional<Digest> signedDigest, String message) implements SignatureStatus {
        @Override
        public String summary() {
            return "signed by key " + key.fingerprint() + " for another image";
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of(message);
        }
    }

    /** Signatures were found (at least one) but no key was given to check them with (inspect without cosign-key). */
    record NotChecked(int signatures) implements SignatureStatus {
        @Override
        public String summary() {
            return signatures + (signatures == 1 ? " cosign signature" : " cosign signatures") + ", not checked (no key given)";
        }

        @Override
        public Optional<String> refusal() {
            return Optional.of("the image's cosign signatures were not checked: no cosign key is given;"
                    + " name the signer's public key with cosign-key");
        }
    }
}
