package io.claimgate.server.validation;

import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP521R1Curve;

/**
 * The curve and digest of each JOSE ECDSA algorithm (RFC 7518 §3.4: ES256 is P-256 with SHA-256,
 * ES384 P-384 with SHA-384, ES512 P-521 with SHA-512), as Bouncy Castle's field-specialised curve
 * arithmetic.
 *
 * <p>Why not the JDK: JDK 17's {@code SunEC} verifies a P-256 signature in about 1.2 ms on our
 * machines, Bouncy Castle's specialised P-256 in about 0.1 ms (docs/BENCHMARKS.md); ECDSA
 * verification is the whole cost of an ES256 token. Only the arithmetic is taken from Bouncy
 * Castle: the domain parameters (generator, order, cofactor) come from the JDK's own named-curve
 * specification, and the field and coefficients of Bouncy Castle's curve are checked against it once.
 */
enum EcdsaCurve {
    P_256(Curve.P_256, new SecP256R1Curve(), JcaAlgorithm.ES256, "SHA-256"),
    P_384(Curve.P_384, new SecP384R1Curve(), JcaAlgorithm.ES384, "SHA-384"),
    P_521(Curve.P_521, new SecP521R1Curve(), JcaAlgorithm.ES512, "SHA-512");

    private final Curve jose;
    private final ECDomainParameters domain;
    private final JcaAlgorithm algorithm;
    /** Bytes of each of {@code r} and {@code s} in a JOSE signature (RFC 7518 §3.4), and of a coordinate. */
    private final int scalarBytes;
    private final ThreadLocal<MessageDigest> digest;

    EcdsaCurve(Curve jose, ECCurve arithmetic, JcaAlgorithm algorithm, String digestName) {
        this.jose = jose;
        this.algorithm = algorithm;
        this.domain = domain(jose.toECParameterSpec(), arithmetic);
        this.scalarBytes = (domain.getN().bitLength() + 7) / 8;
        this.digest = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(digestName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no " + digestName, e);
            }
        });
    }

    private static ECDomainParameters domain(ECParameterSpec spec, ECCurve arithmetic) {
        BigInteger p = ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP();
        if (!arithmetic.getField().getCharacteristic().equals(p)
                || !arithmetic.getA().toBigInteger().equals(spec.getCurve().getA())
                || !arithmetic.getB().toBigInteger().equals(spec.getCurve().getB())
                || !arithmetic.getOrder().equals(spec.getOrder())) {
            throw new IllegalStateException("Bouncy Castle's curve differs from the JDK's " + spec);
        }
        ECPoint g = spec.getGenerator();
        org.bouncycastle.math.ec.ECPoint generator = arithmetic.createPoint(g.getAffineX(), g.getAffineY());
        // A wider precomputed table for the generator, which every verification multiplies (as
        // Bouncy Castle's own named-curve table configures it): ~10% of a P-256 verification.
        WNafUtil.configureBasepoint(generator);
        return new ECDomainParameters(arithmetic, generator, spec.getOrder(), BigInteger.valueOf(spec.getCofactor()));
    }

    /** Null for a curve no ECDSA algorithm claimgate verifies uses (secp256k1, Ed25519, ...). */
    static EcdsaCurve of(Curve curve) {
        for (EcdsaCurve candidate : values()) {
            if (candidate.jose.equals(curve)) {
                return candidate;
            }
        }
        return null;
    }

    ECDomainParameters domain() {
        return domain;
    }

    /** The one algorithm that signs with this curve. */
    JcaAlgorithm algorithm() {
        return algorithm;
    }

    int scalarBytes() {
        return scalarBytes;
    }

    /** This thread's digest, reset. */
    MessageDigest digest() {
        MessageDigest md = digest.get();
        md.reset();
        return md;
    }

    @Override
    public String toString() {
        return jose.getName();
    }
}
