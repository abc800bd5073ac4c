package dev.cos.installer.source.oci.cosign;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the public key a cosign signature is checked against: a PEM {@code PUBLIC KEY} block (what
 * {@code cosign generate-key-pair} writes as cosign.pub, and {@code openssl ec -pubout}) holding an
 * ECDSA P-256 key, the only kind cosign makes by default and the only kind read here.
 */
public final class CosignKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String WHAT_TO_GIVE = "give cosign's public key, the cosign.pub that"
            + " cosign generate-key-pair writes (a PEM PUBLIC KEY block of an ECDSA P-256 key)";

    private CosignKeys() {
    }

    /**
     * @throws InstallerException BAD_CONFIG when the file cannot be read or holds no ECDSA P-256 public key
     */
    public static CosignKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "the cosign key " + file + " cannot be read ("
                    + e.getMessage() + "): check the path given as cosign-key", null, e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param origin where the text came from, for messages and {@link CosignKey#origin()}
     * @throws InstallerException BAD_CONFIG when the text holds no ECDSA P-256 public key
     */
    public static CosignKey parse(String pemText, String origin) {
        Matcher block = PEM.matcher(pemText);
        if (!block.find()) {
            throw refused(origin, "holds no PEM block");
        }
        String type = block.group(1);
        if (type.contains("PRIVATE KEY")) {
            throw refused(origin, "holds a private key (" + type + "), which must stay with the signer");
        }
        if (!type.equals("PUBLIC KEY")) {
            throw refused(origin, "holds a PEM block of type " + type + ", not a PUBLIC KEY");
        }
        PublicKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw refused(origin, "holds a public key that is not an elliptic-curve key or is damaged");
        }
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw refused(origin, "holds an elliptic-curve key on another curve than P-256");
        }
        return new CosignKey(ec, origin);
    }

    private static boolean isP256(ECParameterSpec params) {
        try {
            AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
            p256.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
            return expected.getCurve().equals(params.getCurve())
                    && expected.getGenerator().equals(params.getGenerator())
                    && expected.getOrder().equals(params.getOrder());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know the curve P-256", e);
        }
    }

    private static InstallerException refused(String origin, String finding) {
        return new InstallerException(ErrorCode.BAD_CONFIG, "the cosign key " + origin + " " + finding + ": " + WHAT_TO_GIVE);
    }
}
