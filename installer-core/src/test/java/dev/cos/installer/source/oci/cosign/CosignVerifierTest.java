package dev.cos.installer.source.oci.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.OciLayoutStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignVerifierTest {

    private static final Digest IMAGE = Digest.of("the image manifest".getBytes(StandardCharsets.UTF_8));
    private static final Digest OTHER_IMAGE = Digest.of("another image manifest".getBytes(StandardCharsets.UTF_8));

    private final InMemoryImageStore store = new InMemoryImageStore();
    private final KeyPair signer = CosignTestKeys.p256();
    private final CosignKey signerKey = CosignTestKeys.cosignKey(signer, "cosign.pub");
    private final CosignKey otherKey = CosignTestKeys.cosignKey(CosignTestKeys.p256(), "other.pub");

    @Test
    void anImageSignedByTheKeyIsVerifiedAndTheKeyReturned() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE)).publishTo(store, IMAGE);

        assertEquals(signerKey, CosignVerifier.verify(store, IMAGE, List.of(signerKey)));
        SignatureStatus status = CosignVerifier.check(store, IMAGE, List.of(otherKey, signerKey));
        assertEquals("signed by key " + signerKey.fingerprint(), status.summary());
        assertEquals(Optional.of("127.0.0.1:5000/cos/demo"), ((SignatureStatus.Verified) status).signedIdentity());
        assertFalse(status.refusal().isPresent());
    }

    @Test
    void theSignatureTagIsCosigns() {
        assertEquals("sha256-" + IMAGE.hex() + ".sig", CosignVerifier.signatureTag(IMAGE));
    }

    @Test
    void anUnsignedImageIsRefusedSayingSignItOrTurnVerificationOff() {
        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(signerKey)));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertEquals("no cosign signature for " + IMAGE + " in test store: sign it (cosign sign --key),"
                + " or turn signature verification off (cosign: false)", e.getMessage());
        assertEquals("not signed", CosignVerifier.check(store, IMAGE, List.of()).summary());
    }

    @Test
    void anImageSignedByAnotherKeyIsRefusedNamingTheKeyGiven() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE)).publishTo(store, IMAGE);

        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(otherKey)));

        assertEquals(ErrorCode.SOURCE, e.code());
        assertTrue(e.getMessage().contains("has a cosign signature, but none is made by the key " + otherKey.fingerprint()
                + " (other.pub)"), e.getMessage());
        assertEquals("signed, but not by key " + otherKey.fingerprint(),
                CosignVerifier.check(store, IMAGE, List.of(otherKey)).summary());
    }

    @Test
    void aSignatureOfAnotherImageCopiedBesideThisOneIsRefusedNamingTheDigestItSigns() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(OTHER_IMAGE)).publishTo(store, IMAGE);

        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(signerKey)));

        assertTrue(e.getMessage().contains("made by the key " + signerKey.fingerprint() + " but over the image " + OTHER_IMAGE),
                e.getMessage());
        assertTrue(e.getMessage().contains("not over this image"), e.getMessage());
    }

    @Test
    void aSignedPayloadOfAnotherTypeDoesNotCount() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.payload("atomic container signature", IMAGE, "x"))
                .publishTo(store, IMAGE);

        SignatureStatus status = CosignVerifier.check(store, IMAGE, List.of(signerKey));

        SignatureStatus.SignedForOther other = assertInstanceOf(SignatureStatus.SignedForOther.class, status);
        assertTrue(other.message().contains("not a cosign image signature (type atomic container signature)"), other.message());
    }

    @Test
    void oneGoodSignatureAmongOthersIsEnough() {
        KeyPair stranger = CosignTestKeys.p256();
        new SignatureFixture()
                .signed(stranger.getPrivate(), SignatureFixture.imagePayload(IMAGE))
                .layer(SignatureFixture.imagePayload(IMAGE).getBytes(StandardCharsets.UTF_8), "not base64 at all!")
                .signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE))
                .publishTo(store, IMAGE);

        assertEquals(signerKey, CosignVerifier.verify(store, IMAGE, List.of(signerKey)));
    }

    @Test
    void aPayloadChangedAfterSigningIsNotVerified() {
        byte[] signedPayload = SignatureFixture.imagePayload(OTHER_IMAGE).getBytes(StandardCharsets.UTF_8);
        String signature = SignatureFixture.sign(signer.getPrivate(), signedPayload);
        new SignatureFixture().layer(SignatureFixture.imagePayload(IMAGE).getBytes(StandardCharsets.UTF_8), signature)
                .publishTo(store, IMAGE);

        assertInstanceOf(SignatureStatus.SignedByOtherKey.class, CosignVerifier.check(store, IMAGE, List.of(signerKey)));
    }

    @Test
    void aPayloadBlobAlteredInTheStoreIsRefusedByItsDigest() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE)).publishTo(store, IMAGE);
        Digest payloadDigest = Digest.of(SignatureFixture.imagePayload(IMAGE).getBytes(StandardCharsets.UTF_8));
        byte[] altered = SignatureFixture.imagePayload(IMAGE).getBytes(StandardCharsets.UTF_8);
        altered[0] = ' ';
        store.putBlob(payloadDigest, altered);

        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(signerKey)));

        assertTrue(e.getMessage().contains("should have the digest " + payloadDigest), e.getMessage());
    }

    @Test
    void withoutKeysTheSignaturesAreCountedNotTrusted() {
        new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE)).publishTo(store, IMAGE);

        SignatureStatus status = CosignVerifier.check(store, IMAGE, List.of());

        assertEquals("1 cosign signature, not checked (no key given)", status.summary());
        assertTrue(status.refusal().isPresent());
        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of()));
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
    }

    @Test
    void aSignatureMadeByCosignItselfIsVerifiedWithItsKeyOnly() {
        CosignMadeSignature cosign = CosignMadeSignature.load();
        cosign.fixture().publishTo(store, cosign.signedDigest());

        assertEquals(cosign.key(), CosignVerifier.verify(store, cosign.signedDigest(), List.of(cosign.otherKey(), cosign.key())));
        assertInstanceOf(SignatureStatus.SignedByOtherKey.class,
                CosignVerifier.check(store, cosign.signedDigest(), List.of(cosign.otherKey())));
    }

    @Test
    void cosignsSignatureOfOneImagePlacedBesideAnotherIsRefusedNamingTheSignedDigest() {
        CosignMadeSignature cosign = CosignMadeSignature.load();
        cosign.fixture().publishTo(store, IMAGE);

        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(cosign.key())));

        assertTrue(e.getMessage().contains("but over the image " + cosign.signedDigest()
                + " (192.168.64.2:5000/cosign-signed-single-sample), not over this image"), e.getMessage());
    }

    @Test
    void signaturesAreReadFromAnOciLayoutToo(@TempDir Path dir) {
        Path layout = new SignatureFixture().signed(signer.getPrivate(), SignatureFixture.imagePayload(IMAGE))
                .writeLayout(dir.resolve("layout"), CosignVerifier.signatureTag(IMAGE));
        OciLayoutStore store = OciLayoutStore.directory(layout);

        assertEquals(signerKey, CosignVerifier.verify(store, IMAGE, List.of(signerKey)));
        assertInstanceOf(SignatureStatus.Unsigned.class, CosignVerifier.check(store, OTHER_IMAGE, List.of(signerKey)));
    }

    @Test
    void aPayloadFarLargerThanASignaturesIsRefusedUnread() {
        byte[] huge = new byte[(int) CosignVerifier.MAX_PAYLOAD_BYTES + 1];
        new SignatureFixture().layer(huge, SignatureFixture.sign(signer.getPrivate(), huge)).publishTo(store, IMAGE);

        InstallerException e = assertThrows(InstallerException.class, () -> CosignVerifier.verify(store, IMAGE, List.of(signerKey)));

        assertEquals("signature 1 of " + IMAGE + " in test store is 1048577 bytes, far more than a cosign signature's payload:"
                + " the image is damaged or not an OS image", e.getMessage());
    }
}
