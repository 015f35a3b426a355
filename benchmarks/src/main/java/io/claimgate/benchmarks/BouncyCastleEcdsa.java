package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.ECKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 verification with Bouncy Castle's lightweight API and nothing else: SHA-256 of the signing
 * input, {@code r‖s} to two integers, {@link ECDSASigner} with one {@link ECPublicKeyParameters}
 * per key (as claimgate keeps one per key, so Bouncy Castle's per-point precomputation is reused).
 * Written independently of claimgate's {@code EcdsaKey}, with Bouncy Castle's own curve table.
 * Not thread-safe.
 */
final class BouncyCastleEcdsa {
    private final ECPublicKeyParameters key;
    private final MessageDigest sha256;

    BouncyCastleEcdsa(ECKey jwk) {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        key = new ECPublicKeyParameters(curve.getCurve().createPoint(jwk.getX().decodeToBigInteger(),
                jwk.getY().decodeToBigInteger()), domain);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(byte[] signed, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(sha256.digest(signed), new BigInteger(1, signature, 0, 32),
                new BigInteger(1, signature, 32, 32));
    }
}
