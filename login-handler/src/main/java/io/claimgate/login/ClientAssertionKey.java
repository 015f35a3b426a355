package io.claimgate.login;

import io.claimgate.common.config.InvalidOptionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private key of {@code private_key_jwt} client authentication, and the signer of the client
 * assertions made with it. Read once at configure time from a PEM file: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC P-256/384/521) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
 * The JDK parses both without BouncyCastle, and signs with them ({@link JwsAlgorithm}) without a
 * JOSE library: neither belongs on every client's classpath, and the login jar must stay small.
 * Immutable and thread-safe: every assertion gets its own {@link java.security.Signature}.
 */
public final class ClientAssertionKey {
    /** Short: an assertion is used once, right away; a stolen one is useless a minute later. */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String CONVERT_HINT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private final JwsAlgorithm algorithm;
    private final PrivateKey key;
    private final String fingerprint;

    private ClientAssertionKey(JwsAlgorithm algorithm, PrivateKey key) {
        this.algorithm = algorithm;
        this.key = key;
        this.fingerprint = CredentialKey.sha256(key.getEncoded());
    }

    /** RS256 for RSA keys; ES256/384/512 by curve for EC keys. */
    JwsAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * SHA-256 of the key's PKCS#8 encoding: equal for the same key read twice, so that logins with
     * the same key share tokens ({@link CredentialKey}). Never printed.
     */
    String fingerprint() {
        return fingerprint;
    }

    /** Loads the key; failures name {@code option} and never show the file's content. */
    static ClientAssertionKey load(String option, Path path) {
        String pem;
        try {
            pem = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidOptionException(option, "cannot read the private key file '" + path + "': " + e.getMessage());
        }
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new InvalidOptionException(option, "'" + path + "' is not a PEM private key"
                    + " (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(option, "'" + path + "' holds a PEM block whose base64 is damaged");
        }
        PrivateKey key;
        if ("PRIVATE KEY".equals(type)) {
            key = pkcs8(option, path, der);
        } else if ("RSA PRIVATE KEY".equals(type)) {
            key = rsa(option, path, pkcs1ToPkcs8(der));
        } else {
            throw new InvalidOptionException(option, "'" + path + "' holds a '" + type
                    + "' block; only unencrypted PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 RSA keys are supported; "
                    + CONVERT_HINT);
        }
        if (key instanceof RSAPrivateKey && ((RSAPrivateKey) key).getModulus().bitLength() < 2048) {
            throw new InvalidOptionException(option, "the RSA key in '" + path + "' has "
                    + ((RSAPrivateKey) key).getModulus().bitLength() + " bits; at least 2048 are required (RFC 7518)");
        }
        JwsAlgorithm algorithm = JwsAlgorithm.forKey(key).orElseThrow(() -> new InvalidOptionException(option,
                "the EC key in '" + path + "' is not on curve P-256, P-384 or P-521"));
        try {
            algorithm.signer(key);   // now, not at the first login: a provider that cannot sign with it fails here
        } catch (GeneralSecurityException e) {
            throw new InvalidOptionException(option, "the key in '" + path + "' cannot sign " + algorithm
                    + " JWTs in this JVM: " + e.getMessage());
        }
        return new ClientAssertionKey(algorithm, key);
    }

    /**
     * A fresh client assertion (RFC 7523 §3): iss = sub = client id, aud = the token endpoint,
     * a unique jti (IdPs may refuse replays) and a short expiry.
     */
    String sign(String clientId, URI tokenEndpoint, Instant now) throws GeneralSecurityException {
        long issuedAt = now.getEpochSecond();
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + quote(clientId) + ",\"sub\":" + quote(clientId)
                + ",\"aud\":" + quote(tokenEndpoint.toString()) + ",\"jti\":" + quote(UUID.randomUUID().toString())
                + ",\"iat\":" + issuedAt + ",\"nbf\":" + issuedAt
                + ",\"exp\":" + (issuedAt + ASSERTION_LIFETIME.toSeconds()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        byte[] signature = algorithm.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(signature);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return "ClientAssertionKey[" + algorithm + "]";
    }

    private static PrivateKey pkcs8(String option, Path path, byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception e) {
                // not this algorithm; try the next one
            }
        }
        throw new InvalidOptionException(option, "'" + path + "' is not an RSA or EC PKCS#8 private key");
    }

    private static PrivateKey rsa(String option, Path path, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (Exception e) {
            throw new InvalidOptionException(option, "'" + path + "' is not a valid PKCS#1 RSA private key; " + CONVERT_HINT);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which is what the JDK reads. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] versionAndAlgorithm = {
            0x02, 0x01, 0x00, // INTEGER 0
            0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01,
            0x05, 0x00, // SEQUENCE { OID rsaEncryption, NULL }
        };
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(versionAndAlgorithm);
        body.write(0x04); // OCTET STRING
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30); // SEQUENCE
        out.writeBytes(derLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }
}
