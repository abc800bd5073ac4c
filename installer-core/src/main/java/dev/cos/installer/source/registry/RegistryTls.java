package dev.cos.installer.source.registry;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of registry connections: the system's trust store, plus the certificates of a CA file
 * when one is configured (a private registry's own CA). A server is trusted when either accepts it;
 * host names are checked as always.
 */
final class RegistryTls {

    private RegistryTls() {
    }

    /** The system's default context, or one that also trusts {@code caFile}'s certificates. */
    static SSLContext context(java.util.Optional<Path> caFile) {
        try {
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager extra = trustManager(keyStore(caFile.get()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(system, extra)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot set up TLS for registries: " + e.getMessage(), e.toString(), e);
        }
    }

    private static KeyStore keyStore(Path caFile) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "cannot read the registry CA file " + caFile + " ("
                    + dev.cos.installer.error.FailureWords.describe(e) + "): check the path given as ca-file or --registry-ca",
                    e.toString(), e);
        } catch (CertificateException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "the registry CA file " + caFile + " holds no readable"
                    + " certificate: give a PEM file with the CA's certificate (-----BEGIN CERTIFICATE-----)", e.toString(), e);
        }
        if (certificates.isEmpty()) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "the registry CA file " + caFile + " holds no certificate:"
                    + " give a PEM file with the CA's certificate (-----BEGIN CERTIFICATE-----)");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("registry-ca-" + n++, certificate);
        }
        return store;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return Stream.of(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /** Trusts a server either manager trusts; the system's refusal is the one reported. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {

        private final List<X509ExtendedTrustManager> managers;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.managers = List.of(first, second);
        }

        @FunctionalInterface
        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            CertificateException first = null;
            for (X509ExtendedTrustManager manager : managers) {
                try {
                    check.run(manager);
                    return;
                } catch (CertificateException e) {
                    first = first == null ? e : first;
                }
            }
            throw first;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        // A registry client never checks client certificates.
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not checked by a registry client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not checked by a registry client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked by a registry client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> Stream.of(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
        }
    }
}
