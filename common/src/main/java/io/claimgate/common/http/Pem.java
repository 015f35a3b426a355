package io.claimgate.common.http;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PEM text as Kafka's {@code ssl.truststore.certificates}, {@code ssl.keystore.key} and
 * {@code ssl.keystore.certificate.chain} hold it: X.509 certificates, and one PKCS#8 private key,
 * plain ({@code BEGIN PRIVATE KEY}) or encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}).
 *
 * <p>White space inside a block is ignored, so PEM that lost its line breaks on the way into a
 * JAAS option (one long line, or spaces instead of newlines) still reads. Every failure is an
 * {@link IllegalArgumentException} whose message says what is wrong in words, never quoting the
 * text: it may be a private key.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    static final String CERTIFICATE = "CERTIFICATE";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    /** The key algorithms a PKCS#8 key may be for; the JDK's KeyFactory tells them apart by trying. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

    private Pem() {
    }

    /** One {@code -----BEGIN label----- ... -----END label-----} block, decoded. */
    static final class Block {
        private final String label;
        private final byte[] der;

        Block(String label, byte[] der) {
            this.label = label;
            this.der = der;
        }

        String label() {
            return label;
        }

        byte[] der() {
            return der;
        }
    }

    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2).replaceAll("\\s+", "");
            try {
                blocks.add(new Block(matcher.group(1), Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its " + matcher.group(1) + " block number " + (blocks.size() + 1)
                        + " is not valid base64");
            }
        }
        return blocks;
    }

    /**
     * Every certificate of the text, in order; at least one.
     *
     * @param onlyCertificates whether other blocks are refused (trusted certificates, an inline
     *                         chain) or skipped (a key store file holding the key next to its chain)
     */
    static List<X509Certificate> certificates(String text, boolean onlyCertificates) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (!block.label().equals(CERTIFICATE) && !onlyCertificates) {
                continue;
            }
            if (!block.label().equals(CERTIFICATE)) {
                throw new IllegalArgumentException("holds a " + block.label() + " block where only certificates"
                        + " (BEGIN CERTIFICATE) belong" + (block.label().contains("PRIVATE KEY")
                        ? "; never put a private key next to trusted certificates" : ""));
            }
            certificates.add(certificate(block, certificates.size() + 1));
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE----- ... -----END"
                    + " CERTIFICATE-----)");
        }
        return certificates;
    }

    private static X509Certificate certificate(Block block, int number) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("certificate number " + number + " is not an X.509 certificate");
        }
    }

    /**
     * The one private key of the text (other blocks, such as the certificates of a key store file,
     * are skipped). An encrypted key needs {@code password}; a plain key must not get one, so that
     * a password meant for a key that is not there is not silently unused.
     *
     * @param password null = none given
     * @param passwordOption the option that gives it, named in messages
     */
    static PrivateKey privateKey(String text, char[] password, String passwordOption) {
        List<Block> keys = blocks(text).stream().filter(b -> b.label().endsWith("PRIVATE KEY"))
                .collect(java.util.stream.Collectors.toList());
        if (keys.size() != 1) {
            throw new IllegalArgumentException(keys.isEmpty()
                    ? "holds no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)"
                    : "holds " + keys.size() + " private keys; give exactly one");
        }
        Block key = keys.get(0);
        if (key.label().equals(PRIVATE_KEY)) {
            if (password != null) {
                throw new IllegalArgumentException("holds an unencrypted private key, but " + passwordOption
                        + " is set; remove " + passwordOption + " (or encrypt the key)");
            }
            return decode(new PKCS8EncodedKeySpec(key.der()));
        }
        if (key.label().equals(ENCRYPTED_PRIVATE_KEY)) {
            if (password == null) {
                throw new IllegalArgumentException("holds an encrypted private key; set " + passwordOption
                        + " to its password");
            }
            return decode(decrypt(key.der(), password, passwordOption));
        }
        throw new IllegalArgumentException("holds a " + key.label() + " block; only PKCS#8 keys are read (BEGIN PRIVATE"
                + " KEY or BEGIN ENCRYPTED PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -in key.pem -out"
                + " key-pkcs8.pem");
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, char[] password, String passwordOption) {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("its encrypted private key is not a PKCS#8 EncryptedPrivateKeyInfo");
        }
        try {
            // For PBES2 (what openssl writes) the JDK names the whole scheme, e.g. PBEWithHmacSHA256AndAES_256.
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (GeneralSecurityException e) {
            // A wrong password mostly surfaces as a padding or key-spec error: say what is likely.
            throw new IllegalArgumentException("its encrypted private key could not be decrypted with " + passwordOption
                    + " (wrong password, or an encryption the JVM does not support: " + info.getAlgName() + ")");
        }
    }

    private static PrivateKey decode(PKCS8EncodedKeySpec spec) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("its private key is not a PKCS#8 " + KEY_ALGORITHMS + " key the JVM can read");
    }

    /**
     * Whether {@code key} belongs to {@code certificate}: a signature made with the key verifies
     * with the certificate's public key. Caught at start-up, a mismatch would otherwise surface as
     * a handshake failure with the IdP much later.
     */
    static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "DSA":
                algorithm = "SHA256withDSA";
                break;
            case "RSASSA-PSS":
                algorithm = null;
                break;
            default:
                algorithm = key.getAlgorithm();   // EdDSA, Ed25519, Ed448 sign with their own name
        }
        if (algorithm == null) {
            return true;   // PSS needs parameters to sign; the handshake will tell
        }
        try {
            byte[] probe = "claimgate key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
