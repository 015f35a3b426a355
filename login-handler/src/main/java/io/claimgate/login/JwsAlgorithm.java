package io.claimgate.login;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Optional;

/**
 * The JWS algorithms (RFC 7518 §3) a client assertion is signed with, done with the JDK's own
 * {@link Signature} so that the login jar carries no JOSE library. ECDSA uses the JDK's
 * {@code ...inP1363Format} signatures (Java 9+): they give R || S, each padded to the curve's
 * size, which is exactly the JWS form (RFC 7518 §3.4), not the DER that plain
 * {@code SHA256withECDSA} gives.
 */
enum JwsAlgorithm {
    RS256("SHA256withRSA", null),
    ES256("SHA256withECDSAinP1363Format", "secp256r1"),
    ES384("SHA384withECDSAinP1363Format", "secp384r1"),
    ES512("SHA512withECDSAinP1363Format", "secp521r1");

    private final String jcaName;
    private final String curve;

    JwsAlgorithm(String jcaName, String curve) {
        this.jcaName = jcaName;
        this.curve = curve;
    }

    /** RS256 for RSA keys; ES256/384/512 for EC keys on P-256/384/521; empty for anything else. */
    static Optional<JwsAlgorithm> forKey(PrivateKey key) {
        if (key instanceof RSAPrivateKey) {
            return Optional.of(RS256);
        }
        if (key instanceof ECPrivateKey) {
            ECParameterSpec params = ((ECPrivateKey) key).getParams();
            for (JwsAlgorithm algorithm : values()) {
                if (algorithm.curve != null && algorithm.isCurveOf(params)) {
                    return Optional.of(algorithm);
                }
            }
        }
        return Optional.empty();
    }

    /** A fresh signer (a {@link Signature} is not thread-safe), initialised with {@code key}. */
    Signature signer(PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        signature.initSign(key);
        return signature;
    }

    byte[] sign(PrivateKey key, byte[] signingInput) throws GeneralSecurityException {
        Signature signature = signer(key);
        signature.update(signingInput);
        return signature.sign();
    }

    /** Same curve, not only the same field size: secp256k1 is 256 bits too, and not P-256. */
    private boolean isCurveOf(ECParameterSpec params) {
        try {
            AlgorithmParameters named = AlgorithmParameters.getInstance("EC");
            named.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = named.getParameterSpec(ECParameterSpec.class);
            return spec.getCurve().equals(params.getCurve()) && spec.getOrder().equals(params.getOrder())
                    && spec.getGenerator().equals(params.getGenerator()) && spec.getCofactor() == params.getCofactor();
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
