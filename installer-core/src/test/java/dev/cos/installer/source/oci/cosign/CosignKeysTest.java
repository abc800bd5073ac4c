package dev.cos.installer.source.oci.cosign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignKeysTest {

    // Made with openssl ecparam -name prime256v1 | openssl ec -pubout; fingerprint from
    // openssl pkey -pubin -outform DER | sha256sum: 61907758eb3f0b1f74f17beec61842a1...
    private static final String OPENSSL_P256 = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELD+dxvfiQbnkZfroWLgqkWIvspr3
            mGR1BARPj/k7Eayhp2aU0ZqopCYHLEI18672AjVhX6w66YFfBu7kE6gB8w==
            -----END PUBLIC KEY-----
            """;
    private static final String OPENSSL_P384 = """
            -----BEGIN PUBLIC KEY-----
            MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEglcSJrQKlhPnobq7Gau20a+oRfQhrEj/
            qL8gxsWGQs+R6p8RKFtf6qrWA8Me8KRvGEWRASzl0DwSEkKWra/kRIY+SFo99r3J
            CAHrSi0QGfr64nSJsDs/MrvPuwABIkWL
            -----END PUBLIC KEY-----
            """;
    private static final String OPENSSL_RSA = """
            -----BEGIN PUBLIC KEY-----
            MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDJOA57Fq3QW02f3sfj1BfGY/mN
            kpMPc1PwXQ/nuwORCPk0CtuALWLmJoe8e8Yth+oUw3fpiE5rZU/5CI8rRfUIsiRw
            cI9T42DdBapK45lBGkgzEDGD8xUi5pp+T4QI23EmMaVFFfnDuXG9zyFL/snEZjO5
            npFARQG9Q14onIZI4QIDAQAB
            -----END PUBLIC KEY-----
            """;

    @Test
    void aP256PublicKeyFileIsReadAndItsFingerprintIsTheSha256OfItsDer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cosign.pub");
        Files.writeString(file, "comment before the block\n" + OPENSSL_P256);

        CosignKey key = CosignKeys.read(file);

        assertEquals("sha256:61907758eb3f0b1f", key.fingerprint());
        assertEquals(file.toString(), key.origin());
    }

    @Test
    void aKeyTheTestMakesReadsBackAsTheSameKey() {
        var pair = CosignTestKeys.p256();
        CosignKey key = CosignTestKeys.cosignKey(pair, "made");
        assertEquals(pair.getPublic(), key.publicKey());
    }

    @Test
    void anotherCurveIsRefusedNamingP256() {
        InstallerException e = assertThrows(InstallerException.class, () -> CosignKeys.parse(OPENSSL_P384, "p384.pub"));
        assertEquals(ErrorCode.BAD_CONFIG, e.code());
        assertTrue(e.getMessage().contains("p384.pub") && e.getMessage().contains("P-256"), e.getMessage());
    }

    @Test
    void anRsaKeyIsRefused() {
        InstallerException e = assertThrows(InstallerException.class, () -> CosignKeys.parse(OPENSSL_RSA, "rsa.pub"));
        assertTrue(e.getMessage().contains("not an elliptic-curve key"), e.getMessage());
    }

    @Test
    void thePrivateKeyFileIsRefusedSayingToGiveThePublicOne() {
        String privateKey = "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
        InstallerException e = assertThrows(InstallerException.class, () -> CosignKeys.parse(privateKey, "cosign.key"));
        assertTrue(e.getMessage().contains("private key") && e.getMessage().contains("cosign.pub"), e.getMessage());
    }

    @Test
    void aFileWithoutPemIsRefused() {
        InstallerException e = assertThrows(InstallerException.class, () -> CosignKeys.parse("hello", "x.pub"));
        assertTrue(e.getMessage().contains("no PEM block"), e.getMessage());
    }

    @Test
    void aMissingFileSaysToCheckThePath(@TempDir Path dir) {
        InstallerException e = assertThrows(InstallerException.class, () -> CosignKeys.read(dir.resolve("none.pub")));
        assertTrue(e.getMessage().contains("none.pub") && e.getMessage().contains("check the path"), e.getMessage());
    }
}
