package io.claimgate.server.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * A published JWK with its JCA public key, converted once per JWKS snapshot (turning a JWK into a
 * JCA key is a noticeable share of a verification), or the reason it cannot verify anything, which
 * a rejection reports.
 *
 * @param jwk       as published
 * @param publicKey null if unusable
 * @param ecdsa     for an EC key, what verifies ECDSA signatures ({@link EcdsaKey}); otherwise null
 * @param problem   why it is unusable, or null
 */
record VerificationKey(JWK jwk, PublicKey publicKey, EcdsaKey ecdsa, String problem) {
    /** As Kafka's built-in validator (jose4j): shorter RSA keys are not trusted. */
    static final int MIN_RSA_BITS = 2048;

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] ED25519_X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static VerificationKey of(JWK jwk) {
        try {
            PublicKey publicKey = publicKey(jwk);
            return new VerificationKey(jwk, publicKey, jwk instanceof ECKey ec ? EcdsaKey.of(ec) : null, null);
        } catch (JOSEException | GeneralSecurityException e) {
            return new VerificationKey(jwk, null, null, e.getMessage());
        }
    }

    private static PublicKey publicKey(JWK jwk) throws JOSEException, GeneralSecurityException {
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw new JOSEException("RSA key is " + rsa.size() + " bits, fewer than " + MIN_RSA_BITS);
            }
            return rsa.toRSAPublicKey();
        }
        if (jwk instanceof ECKey ec) {
            return ec.toECPublicKey();
        }
        if (jwk instanceof OctetKeyPair okp) {
            return ed25519(okp);
        }
        throw new JOSEException("key type " + jwk.getKeyType() + " cannot verify signatures");
    }

    /** Whether {@code signature} signs {@code signed[0 .. length)} with this key and {@code algorithm}. */
    boolean verifies(JcaAlgorithm algorithm, byte[] signed, int length, byte[] signature)
            throws GeneralSecurityException {
        return ecdsa != null ? ecdsa.verify(algorithm, signed, length, signature)
                : algorithm.verify(publicKey, signed, length, signature);
    }

    /** The JDK's own Ed25519 (Java 15+): Nimbus' needs Google Tink, which we do not ship. */
    private static PublicKey ed25519(OctetKeyPair key) throws JOSEException, GeneralSecurityException {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new JOSEException("only Ed25519 keys are supported, not " + key.getCurve());
        }
        byte[] raw = key.getDecodedX();
        if (raw.length != 32) {
            throw new JOSEException("an Ed25519 public key has 32 bytes, this one " + raw.length);
        }
        byte[] encoded = new byte[ED25519_X509_PREFIX.length + raw.length];
        System.arraycopy(ED25519_X509_PREFIX, 0, encoded, 0, ED25519_X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, ED25519_X509_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }
}
