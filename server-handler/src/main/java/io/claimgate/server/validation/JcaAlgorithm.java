package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The JCA signature algorithm of each JWS algorithm claimgate verifies (RFC 7518 §3), with one
 * {@link Signature} per thread and algorithm: {@code Signature.getInstance} looks up providers
 * and costs more than re-initialising one with the key ({@code initVerify} per call, so no state
 * carries over from one token to the next). Kafka validates on a few long-lived network threads.
 *
 * <p>ECDSA signatures of tokens are verified by {@link EcdsaKey} (Bouncy Castle's curve
 * arithmetic, an order of magnitude faster than JDK 17's). The JCA's ECDSA here ({@code inP1363Format},
 * JOSE's fixed-size {@code r‖s} with its length checked first, RFC 7518 §3.4) is the reference the
 * tests hold {@link EcdsaKey} to.
 */
enum JcaAlgorithm {
    RS256("SHA256withRSA", null, 0),
    RS384("SHA384withRSA", null, 0),
    RS512("SHA512withRSA", null, 0),
    PS256("RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32), 0),
    PS384("RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48), 0),
    PS512("RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64), 0),
    ES256("SHA256withECDSAinP1363Format", null, 64),
    ES384("SHA384withECDSAinP1363Format", null, 96),
    ES512("SHA512withECDSAinP1363Format", null, 132),
    ED25519("Ed25519", null, 64);

    private final String jcaName;
    private final AlgorithmParameterSpec parameters;
    /** The one length a signature may have (RFC 7518 §3.4, RFC 8037 §3.1); 0 = the RSA key's modulus length. */
    private final int signatureLength;
    private final ThreadLocal<Signature> perThread = ThreadLocal.withInitial(this::newSignature);

    JcaAlgorithm(String jcaName, AlgorithmParameterSpec parameters, int signatureLength) {
        this.jcaName = jcaName;
        this.parameters = parameters;
        this.signatureLength = signatureLength;
    }

    /** Null for an algorithm claimgate cannot verify (HMAC, ES256K, anything unknown). */
    static JcaAlgorithm of(JWSAlgorithm algorithm) {
        return switch (algorithm.getName()) {
            case "RS256" -> RS256;
            case "RS384" -> RS384;
            case "RS512" -> RS512;
            case "PS256" -> PS256;
            case "PS384" -> PS384;
            case "PS512" -> PS512;
            case "ES256" -> ES256;
            case "ES384" -> ES384;
            case "ES512" -> ES512;
            case "EdDSA", "Ed25519" -> ED25519;
            default -> null;
        };
    }

    /**
     * Whether {@code signature} is a valid signature of {@code signed[0 .. length)} by {@code key}.
     * Malformed signature bytes are simply invalid.
     *
     * <p>The length is checked here, before the JCA sees the bytes: a signature has exactly one
     * length, and the JCA is not relied on to insist. The JDK's Ed25519 verifies a signature with a
     * zero byte appended (Project Wycheproof), which made a second valid spelling of every EdDSA
     * token; RSA signatures are the modulus length (RFC 8017 §8.2.2), never shorter or longer.
     *
     * @throws GeneralSecurityException the key cannot be used with this algorithm
     */
    boolean verify(PublicKey key, byte[] signed, int length, byte[] signature) throws GeneralSecurityException {
        int expected = expectedLength(key);
        if (expected >= 0 && signature.length != expected) {
            return false;
        }
        Signature verifier = perThread.get();
        verifier.initVerify(key);
        verifier.update(signed, 0, length);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    /** -1 for an RSA algorithm with a key of another type: {@code initVerify} refuses that key, saying why. */
    private int expectedLength(PublicKey key) {
        if (signatureLength != 0) {
            return signatureLength;
        }
        return key instanceof RSAPublicKey rsa ? (rsa.getModulus().bitLength() + 7) / 8 : -1;
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(jcaName);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("this JDK cannot verify " + name() + " (" + jcaName + ")", e);
        }
    }

    private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(digest, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }
}
