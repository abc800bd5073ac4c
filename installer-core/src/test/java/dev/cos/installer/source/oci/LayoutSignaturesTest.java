package dev.cos.installer.source.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.source.oci.cosign.CosignKey;
import dev.cos.installer.source.oci.cosign.CosignVerifier;
import dev.cos.installer.source.oci.cosign.SignatureStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OCI layout read by the signature check (lane 2's store, lane 3's verifier): a tag the layout lacks
 * is "not found" as the ImageStore contract says, so an image without a signature tag is unsigned, not
 * a failure to read.
 */
class LayoutSignaturesTest {

    @TempDir
    Path temp;

    @Test
    void anImageWithoutASignatureTagInALayoutIsUnsigned() throws Exception {
        MemoryImageStore images = new MemoryImageStore();
        Descriptor image = images.image(null, Platform.LINUX_AMD64, new LayerBuilder().file("v", "1").gzip());
        Path layout = temp.resolve("layout");
        images.writeLayout(layout, Map.of("1.0", image));
        OciLayoutStore store = OciLayoutStore.directory(layout);

        ManifestNotFoundException missing = assertThrows(ManifestNotFoundException.class, () -> store.manifest("9.9"));
        assertTrue(missing.getMessage().contains("'9.9'"), missing.getMessage());
        SignatureStatus status = CosignVerifier.check(store, image.digest(), List.of(key()));
        assertInstanceOf(SignatureStatus.Unsigned.class, status);
        assertEquals("no cosign signature for " + image.digest() + " in " + store.describe()
                + ": sign it (cosign sign --key), or turn signature verification off (cosign: false)",
                status.refusal().orElseThrow());
    }

    private static CosignKey key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new CosignKey((ECPublicKey) generator.generateKeyPair().getPublic(), "a test key");
    }
}
