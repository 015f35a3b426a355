package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * ECDSA through Bouncy Castle's arithmetic ({@link EcdsaKey}) gives exactly the JDK's answers: the
 * same valid signatures accepted, and every damaged, out-of-range or mis-sized one refused.
 */
class EcdsaKeyTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    @ParameterizedTest
    @EnumSource(EcdsaCurve.class)
    void agreesWithTheJdkOnValidAndDamagedSignatures(EcdsaCurve curve) throws Exception {
        ECKey jwk = new ECKeyGenerator(curve == EcdsaCurve.P_256 ? Curve.P_256
                : curve == EcdsaCurve.P_384 ? Curve.P_384 : Curve.P_521).generate();
        EcdsaKey key = EcdsaKey.of(jwk.toPublicJWK());
        PublicKey jdkKey = jwk.toECPublicKey();
        JcaAlgorithm algorithm = curve.algorithm();
        Signature signer = Signature.getInstance(algorithm == JcaAlgorithm.ES256 ? "SHA256withECDSAinP1363Format"
                : algorithm == JcaAlgorithm.ES384 ? "SHA384withECDSAinP1363Format" : "SHA512withECDSAinP1363Format");
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            byte[] message = ("header.payload-" + i + "-" + RANDOM.nextLong()).getBytes(StandardCharsets.US_ASCII);
            signer.initSign(jwk.toECPrivateKey());
            signer.update(message);
            byte[] valid = signer.sign();
            for (byte[] signature : variants(valid, curve)) {
                boolean jdk = algorithm.verify(jdkKey, message, message.length, signature);
                assertEquals(jdk, key.verify(algorithm, message, message.length, signature),
                        curve + ": " + Base64URL.encode(signature));
                accepted += jdk ? 1 : 0;
            }
            // Only the bytes before 'length' are signed: the same signature over a longer buffer.
            byte[] padded = Arrays.copyOf(message, message.length + 5);
            assertTrue(key.verify(algorithm, padded, message.length, valid));
            assertFalse(key.verify(algorithm, padded, padded.length, valid));
        }
        // The valid signature and its high-s twin (r, n - s), which ECDSA accepts, for each message.
        assertEquals(80, accepted);
    }

    /** The signature, its (r, n-s) twin, and damaged forms: bit flips, zero and out-of-range r and s, other lengths. */
    private static byte[][] variants(byte[] valid, EcdsaCurve curve) {
        int n = curve.scalarBytes();
        BigInteger order = curve.domain().getN();
        BigInteger r = new BigInteger(1, valid, 0, n);
        BigInteger s = new BigInteger(1, valid, n, n);
        byte[] flipped = valid.clone();
        flipped[RANDOM.nextInt(flipped.length)] ^= (byte) (1 << RANDOM.nextInt(8));
        return new byte[][] {
            valid,
            jose(r, order.subtract(s), n),
            flipped,
            jose(r, BigInteger.ZERO, n),
            jose(BigInteger.ZERO, s, n),
            jose(r.add(order), s, n),             // r + n still fits in the bytes for P-384/P-521? then out of range
            jose(r, s.add(order), n),
            jose(order, s, n),
            Arrays.copyOf(valid, valid.length - 1),
            Arrays.copyOf(valid, valid.length + 1),
            new byte[0],
        };
    }

    private static byte[] jose(BigInteger r, BigInteger s, int n) {
        byte[] out = new byte[2 * n];
        copy(r, out, 0, n);
        copy(s, out, n, n);
        return out;
    }

    /** Big-endian into n bytes; a value that does not fit keeps its low n bytes (still a damaged signature). */
    private static void copy(BigInteger value, byte[] out, int offset, int n) {
        byte[] bytes = value.toByteArray();
        int take = Math.min(bytes.length, n);
        System.arraycopy(bytes, bytes.length - take, out, offset + n - take, take);
    }

    @Test
    void aKeyOnlyVerifiesTheAlgorithmOfItsCurve() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).generate();
        byte[] message = "a.b".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(jwk.toECPrivateKey());
        signer.update(message);
        byte[] signature = signer.sign();
        EcdsaKey key = EcdsaKey.of(jwk.toPublicJWK());
        assertTrue(key.verify(JcaAlgorithm.ES256, message, message.length, signature));
        assertFalse(key.verify(JcaAlgorithm.ES384, message, message.length, signature));
        assertFalse(key.verify(JcaAlgorithm.RS256, message, message.length, signature));
    }

    @Test
    void aPointOffTheCurveIsRefusedWhenTheKeyIsMade() throws Exception {
        ECKey valid = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        BigInteger x = valid.getX().decodeToBigInteger();
        BigInteger y = valid.getY().decodeToBigInteger();
        assertNotNull(EcdsaKey.of(EcdsaCurve.P_256, x, y));
        for (BigInteger[] point : new BigInteger[][] {
            {x, y.add(BigInteger.ONE)},                                  // off the curve
            {x, y.add(EcdsaCurve.P_256.domain().getCurve().getField().getCharacteristic())},   // y >= p
            {BigInteger.ZERO, BigInteger.ZERO},
        }) {
            JOSEException refused = assertThrows(JOSEException.class, () -> EcdsaKey.of(EcdsaCurve.P_256, point[0], point[1]));
            assertTrue(refused.getMessage().contains("not a valid point of P-256"), refused.getMessage());
        }
        // A P-256 point is not a P-384 key.
        assertThrows(JOSEException.class, () -> EcdsaKey.of(EcdsaCurve.P_384, x, y));
    }

    @Test
    void curvesWithoutAnAlgorithmAreNotSupported() throws Exception {
        // secp256k1's generator as a public key (JDK 17 cannot generate secp256k1 keys).
        ECKey k1 = new ECKey.Builder(Curve.SECP256K1,
                Base64URL.encode(new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16)),
                Base64URL.encode(new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16)))
                .build();
        assertNull(EcdsaCurve.of(Curve.SECP256K1));
        assertThrows(JOSEException.class, () -> EcdsaKey.of(k1));
        VerificationKey published = VerificationKey.of(k1);
        assertNotNull(published.problem());
        assertTrue(published.problem().contains("secp256k1"), published.problem());
    }
}
