package io.claimgate.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.common.config.InvalidOptionException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private key of {@code private_key_jwt} client authentication, and the signer of the client
 * assertions made with it. Read once at configure time from a PEM file: PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC P-256/384/521) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}).
 * The JDK parses both without BouncyCastle, which we do not want on every client's classpath.
 * Thread-safe: the Nimbus signers are.
 */
public final class ClientAssertionKey {
    /** Short: an assertion is used once, right away; a stolen one is useless a minute later. */
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String CONVERT_HINT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final String fingerprint;

    private ClientAssertionKey(JWSAlgorithm algorithm, JWSSigner signer, PrivateKey key) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.fingerprint = CredentialKey.sha256(key.getEncoded());
    }

    /** RS256 for RSA keys; ES256/384/512 by curve for EC keys. */
    public JWSAlgorithm algorithm() {
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
        try {
            if (key instanceof RSAPrivateKey) {
                RSAPrivateKey rsaKey = (RSAPrivateKey) key;
                if (rsaKey.getModulus().bitLength() < 2048) {
                    throw new InvalidOptionException(option, "the RSA key in '" + path + "' has "
                            + rsaKey.getModulus().bitLength() + " bits; at least 2048 are required (RFC 7518)");
                }
                return new ClientAssertionKey(JWSAlgorithm.RS256, new RSASSASigner(key), key);
            }
            ECPrivateKey ecKey = (ECPrivateKey) key;
            Curve curve = Curve.forECParameterSpec(ecKey.getParams());
            JWSAlgorithm alg = curve == null ? null : Curve.P_256.equals(curve) ? JWSAlgorithm.ES256
                    : Curve.P_384.equals(curve) ? JWSAlgorithm.ES384
                    : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : null;
            if (alg == null) {
                throw new InvalidOptionException(option, "the EC key in '" + path
                        + "' is not on curve P-256, P-384 or P-521");
            }
            return new ClientAssertionKey(alg, new ECDSASigner(key, curve), key);
        } catch (JOSEException e) {
            throw new InvalidOptionException(option, "the key in '" + path + "' cannot sign JWTs: " + e.getMessage());
        }
    }

    /**
     * A fresh client assertion (RFC 7523 §3): iss = sub = client id, aud = the token endpoint,
     * a unique jti (IdPs may refuse replays) and a short expiry.
     */
    String sign(String clientId, URI tokenEndpoint, Instant now) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenEndpoint.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
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
