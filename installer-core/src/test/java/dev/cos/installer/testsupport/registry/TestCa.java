package dev.cos.installer.testsupport.registry;

import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority a test makes with openssl (an independent tool): its CA certificate, a server
 * certificate for 127.0.0.1 and localhost signed by it, and a separate self-signed key pair that signs
 * registry tokens. All files live in {@code dir}; nothing is added to any system trust store.
 */
public final class TestCa {

    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** Makes the CA, the server certificate and the token signer in {@code dir} (created if missing). */
    public static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
            String d = dir.toString();
            Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=cos-test-ca", "-keyout", d + "/ca.key", "-out", d + "/ca.crt");
            Tools.run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-keyout", d + "/server.key", "-out", d + "/server.csr");
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
            Tools.run("openssl", "x509", "-req", "-days", "2", "-in", d + "/server.csr", "-CA", d + "/ca.crt",
                    "-CAkey", d + "/ca.key", "-CAcreateserial", "-extfile", d + "/server.ext", "-out", d + "/server.crt");
            Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=cos-test-token-signer", "-keyout", d + "/token-signer.key", "-out", d + "/token-signer.crt");
            return new TestCa(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM): what a client is given to trust the registry ({@code ca-file}, {@code --registry-ca}). */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The server certificate (PEM), for 127.0.0.1 and localhost. */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** The server certificate's private key (PKCS#8 PEM). */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** The token signer's self-signed certificate: the registry's {@code rootcertbundle}. */
    public Path tokenSignerCertificate() {
        return dir.resolve("token-signer.crt");
    }

    PrivateKey tokenSignerKey() {
        return privateKey(dir.resolve("token-signer.key"));
    }

    X509Certificate tokenSigner() {
        return certificate(tokenSignerCertificate());
    }

    /** A TLS context that serves the server certificate (for the token issuer). */
    SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", privateKey(serverKey()), password,
                    new X509Certificate[] {certificate(serverCertificate()), certificate(caCertificate())});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the test server's TLS context", e);
        }
    }

    static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate " + pem, e);
        }
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the private key " + pem, e);
        }
    }
}
