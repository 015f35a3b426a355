package io.claimgate.server.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A published EC key, ready for ECDSA verification with Bouncy Castle's lightweight API (see
 * {@link EcdsaCurve} for why). Made once per key and JWKS snapshot: the public point is checked to
 * lie on its curve here, and Bouncy Castle keeps its precomputed multiples of the point with the
 * point, so later verifications with the same key reuse them. Immutable from the outside (Bouncy
 * Castle synchronises its precomputation); safe for concurrent use.
 */
final class EcdsaKey {
    private final EcdsaCurve curve;
    private final ECPublicKeyParameters publicKey;

    private EcdsaKey(EcdsaCurve curve, ECPublicKeyParameters publicKey) {
        this.curve = curve;
        this.publicKey = publicKey;
    }

    /** @throws JOSEException the curve is not one of P-256, P-384, P-521, or the point is not on it */
    static EcdsaKey of(ECKey jwk) throws JOSEException {
        EcdsaCurve curve = EcdsaCurve.of(jwk.getCurve());
        if (curve == null) {
            throw new JOSEException("EC keys on curve " + jwk.getCurve() + " are not supported");
        }
        return of(curve, jwk.getX().decodeToBigInteger(), jwk.getY().decodeToBigInteger());
    }

    /** Nimbus already refuses JWKs off their curve; this checks again, on the arithmetic that verifies. */
    static EcdsaKey of(EcdsaCurve curve, BigInteger x, BigInteger y) throws JOSEException {
        try {
            ECPoint q = curve.domain().getCurve().createPoint(x, y);
            // The constructor rejects the point at infinity and points not on the curve.
            return new EcdsaKey(curve, new ECPublicKeyParameters(q, curve.domain()));
        } catch (IllegalArgumentException e) {
            throw new JOSEException("the EC key is not a valid point of " + curve);
        }
    }

    EcdsaCurve curve() {
        return curve;
    }

    /**
     * Whether {@code signature}, JOSE's fixed-size {@code r‖s} (RFC 7518 §3.4: any other length is
     * invalid, and so is DER), signs {@code signed[0 .. length)} with {@code algorithm}, which must be
     * this key's curve's. Bouncy Castle checks {@code 0 < r, s < n}.
     */
    boolean verify(JcaAlgorithm algorithm, byte[] signed, int length, byte[] signature) {
        int n = curve.scalarBytes();
        if (algorithm != curve.algorithm() || signature.length != 2 * n) {
            return false;
        }
        MessageDigest digest = curve.digest();
        digest.update(signed, 0, length);
        byte[] hash = digest.digest();
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, publicKey);
        return verifier.verifySignature(hash, new BigInteger(1, signature, 0, n), new BigInteger(1, signature, n, n));
    }
}
