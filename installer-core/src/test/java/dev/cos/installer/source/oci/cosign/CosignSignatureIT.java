package dev.cos.installer.source.oci.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cos.installer.error.InstallerException;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.source.oci.ImageReference;
import dev.cos.installer.source.oci.ImageStore;
import dev.cos.installer.source.registry.RegistryCredentials;
import dev.cos.installer.source.registry.RegistryOptions;
import dev.cos.installer.source.registry.RegistryStore;
import dev.cos.installer.testsupport.Cli;
import dev.cos.installer.testsupport.Tools;
import dev.cos.installer.testsupport.registry.TestImages;
import dev.cos.installer.testsupport.registry.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cosign signatures in a real registry, made by tools other than ours: an image skopeo pushed, signed with
 * a key openssl made ({@code openssl dgst -sha256 -sign} over the payload), and a signature the cosign CLI
 * made (test resources cosign/); the signature manifests are pushed with skopeo under cosign's tag, and read
 * back through the installer's registry client.
 * (Debian's skopeo 1.9 cannot sign with sigstore keys itself: "Debian-local change: sigstore disabled".)
 */
class CosignSignatureIT {

    @TempDir
    static Path dir;
    private static TestRegistry registry;
    private static Path opensslPublicKey;

    @BeforeAll
    static void pushImagesAndSignatures() throws Exception {
        registry = TestRegistry.in(dir.resolve("registry")).start();
        Path layout = TestImages.oneLayer(dir.resolve("layout"), "1.0", "an image to sign");
        registry.push(layout, "cos/signed:1.0");
        registry.push(layout, "cos/unsigned:1.0");

        Path privateKey = dir.resolve("openssl.key");
        opensslPublicKey = dir.resolve("openssl.pub");
        Tools.run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", privateKey.toString());
        Tools.run("openssl", "ec", "-in", privateKey.toString(), "-pubout", "-out", opensslPublicKey.toString());
        Digest signed = Digest.parse(registry.tagDigest("cos/signed", "1.0"), "cos/signed:1.0");
        Path payload = Files.writeString(dir.resolve("payload.json"), SignatureFixture.payload(
                "cosign container image signature", signed, registry.host() + "/cos/signed:1.0"));
        Path signature = dir.resolve("payload.sig");
        Tools.run("openssl", "dgst", "-sha256", "-sign", privateKey.toString(), "-out", signature.toString(), payload.toString());
        pushSignatures(new SignatureFixture().layer(Files.readAllBytes(payload),
                Base64.getEncoder().encodeToString(Files.readAllBytes(signature))), "cos/signed", signed);

        CosignMadeSignature cosign = CosignMadeSignature.load();
        pushSignatures(cosign.fixture(), "cos/cosign-made", cosign.signedDigest());
        registry.push(layout, "cos/copied:1.0");
        pushSignatures(cosign.fixture(), "cos/copied", digestOf("cos/copied"));
    }

    private static void pushSignatures(SignatureFixture signatures, String repository, Digest image) {
        Path layout = signatures.writeLayout(dir.resolve("signatures-" + repository.replace('/', '-')), "sig");
        registry.copy(List.of(), "oci:" + layout + ":sig", repository + ":" + CosignVerifier.signatureTag(image), List.of());
    }

    private static ImageStore store(String repository) {
        RegistryOptions options = RegistryOptions.defaults(RegistryCredentials.none()).withCaFile(registry.caCertificate())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)).withRetries(2, Duration.ofMillis(50));
        return RegistryStore.open(ImageReference.parse(registry.reference(repository)), options);
    }

    private static Digest digestOf(String repository) {
        return Digest.parse(registry.tagDigest(repository, "1.0"), repository);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void anImageSignedWithAnOpensslKeyIsVerifiedAndTheFingerprintIsOpensslsSha256OfTheDer() {
        ImageStore store = store("cos/signed");
        Digest image = digestOf("cos/signed");

        CosignKey key = CosignVerifier.verify(store, image, List.of(CosignKeys.read(opensslPublicKey)));

        Path der = dir.resolve("openssl.pub.der");
        Tools.run("openssl", "pkey", "-pubin", "-in", opensslPublicKey.toString(), "-outform", "DER", "-out", der.toString());
        assertEquals("sha256:" + Tools.run("sha256sum", der.toString()).substring(0, 16), key.fingerprint());
        SignatureStatus status = CosignVerifier.check(store, image, List.of(key));
        assertEquals("signed by key " + key.fingerprint(), status.summary());
        assertEquals(registry.host() + "/cos/signed:1.0", ((SignatureStatus.Verified) status).signedIdentity().orElseThrow());
    }

    @Test
    void aSignatureCosignMadeIsVerifiedWithCosignsPublicKey() {
        CosignMadeSignature cosign = CosignMadeSignature.load();
        ImageStore store = store("cos/cosign-made");

        assertEquals(cosign.key(), CosignVerifier.verify(store, cosign.signedDigest(), List.of(cosign.key())));
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingTheKeyGiven() {
        CosignMadeSignature cosign = CosignMadeSignature.load();
        ImageStore store = store("cos/cosign-made");

        InstallerException e = assertThrows(InstallerException.class,
                () -> CosignVerifier.verify(store, cosign.signedDigest(), List.of(cosign.otherKey())));

        assertEquals(cosign.signedDigest() + " in registry " + registry.host() + " has a cosign signature,"
                + " but none is made by the key " + cosign.otherKey().fingerprint() + " (cosign-made-other.pub): give the"
                + " public key of the image's signer as cosign-key, or have the image signed with the key given", e.getMessage());
    }

    @Test
    void anUnsignedImageIsRefusedWhenVerificationIsOn() {
        ImageStore store = store("cos/unsigned");
        Digest image = digestOf("cos/unsigned");

        InstallerException e = assertThrows(InstallerException.class,
                () -> CosignVerifier.verify(store, image, List.of(CosignKeys.read(opensslPublicKey))));

        assertEquals("no cosign signature for " + image + " in registry " + registry.host() + ": sign it"
                + " (cosign sign --key), or turn signature verification off (cosign: false)", e.getMessage());
    }

    @Test
    void cosignsSignatureOfAnotherImageCopiedBesideThisOneIsRefused() {
        CosignMadeSignature cosign = CosignMadeSignature.load();
        Digest image = digestOf("cos/copied");

        InstallerException e = assertThrows(InstallerException.class,
                () -> CosignVerifier.verify(store("cos/copied"), image, List.of(cosign.key())));

        assertEquals("the cosign signature beside " + image + " in registry " + registry.host() + " is made by the key "
                + cosign.key().fingerprint() + " but over the image " + cosign.signedDigest()
                + " (192.168.64.2:5000/cosign-signed-single-sample), not over this image: it was copied from elsewhere,"
                + " so the image is refused. Sign this image's digest with cosign sign --key", e.getMessage());
    }

    // Through the CLI, as a person checks an image before installing it (docs/sources.md, lane wiring).

    @Test
    void inspectWithCosignShowsTheImageSignedByTheKeyWithoutPullingIt() throws Exception {
        Cli.Result result = Cli.run("inspect", "--no-pull", registry.reference("cos/signed:1.0"), "--registry-ca",
                registry.caCertificate().toString(), "--cosign", "--cosign-key", opensslPublicKey.toString(), "--progress", "json");

        assertEquals(0, result.exitCode(), result::toString);
        String[] lines = result.out().strip().split("\n");
        JsonNode image = new ObjectMapper().readTree(lines[lines.length - 1]).at("/summary/image");
        Path der = dir.resolve("openssl-cli.pub.der");
        Tools.run("openssl", "pkey", "-pubin", "-in", opensslPublicKey.toString(), "-outform", "DER", "-out", der.toString());
        assertEquals("verified", image.path("signature").asText(), image::toString);
        assertEquals("sha256:" + Tools.run("sha256sum", der.toString()).substring(0, 16), image.path("signedBy").asText());
        assertEquals(digestOf("cos/signed").toString(), image.path("digest").asText());
    }

    @Test
    void inspectWithCosignRefusesAnUnsignedImageSayingWhatToDo() {
        Cli.Result result = Cli.run("inspect", "--no-pull", registry.reference("cos/unsigned:1.0"), "--registry-ca",
                registry.caCertificate().toString(), "--cosign", "--cosign-key", opensslPublicKey.toString());

        assertEquals(dev.cos.installer.error.ErrorCode.SOURCE.exitCode(), result.exitCode(), result::toString);
        assertTrue(result.err().contains("no cosign signature for " + digestOf("cos/unsigned") + " in registry "
                + registry.host() + ": sign it"), result::toString);
    }
}
