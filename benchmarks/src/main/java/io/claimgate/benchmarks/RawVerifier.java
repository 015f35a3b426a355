package io.claimgate.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The floor: what verifying a JWS costs with the JDK alone. Per token: split at the last dot,
 * base64url-decode the signature, (ES256) turn JOSE's fixed-size {@code r||s} into the DER
 * sequence {@code SHA256withECDSA} expects, and verify the signing input with a
 * {@link Signature} re-initialised with the public key. No JSON, no header or claim checks, no key
 * lookup: every real validator must do at least this. Not thread-safe (one per benchmark thread).
 */
final class RawVerifier {
    private final Signature signature;
    private final PublicKey key;
    private final boolean ecdsa;
    private final BouncyCastleEcdsa bouncyCastle;
    private final Base64.Decoder base64url = Base64.getUrlDecoder();

    /**
     * {@code library} {@code jca}: the JDK's {@link Signature}. {@code bc}: for ES256, Bouncy
     * Castle's ECDSA on its P-256 arithmetic, as claimgate verifies (the floor of what claimgate
     * could reach); for RS256 the same as {@code jca} (claimgate verifies RSA with the JDK).
     */
    RawVerifier(String alg, JWK jwk, String library) {
        this.bouncyCastle = library.equals("bc") && alg.equals("ES256") ? new BouncyCastleEcdsa((ECKey) jwk) : null;
        try {
            switch (alg) {
                case "RS256" -> {
                    signature = Signature.getInstance("SHA256withRSA");
                    key = ((RSAKey) jwk).toPublicKey();
                    ecdsa = false;
                }
                case "ES256" -> {
                    signature = Signature.getInstance("SHA256withECDSA");
                    key = ((ECKey) jwk).toPublicKey();
                    ecdsa = true;
                }
                default -> throw new IllegalArgumentException("unsupported algorithm " + alg);
            }
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(String token) {
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return false;
        }
        try {
            byte[] sig = base64url.decode(token.substring(lastDot + 1));
            if (bouncyCastle != null) {
                return bouncyCastle.verify(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII), sig);
            }
            signature.initVerify(key);
            signature.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(ecdsa ? joseToDer(sig) : sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** ES256: 64 bytes {@code r||s} (RFC 7518 §3.4) to ASN.1 {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    static byte[] joseToDer(byte[] jose) throws GeneralSecurityException {
        if (jose.length != 64) {
            throw new GeneralSecurityException("ES256 signature must be 64 bytes, not " + jose.length);
        }
        byte[] r = derInteger(jose, 0);
        byte[] s = derInteger(jose, 32);
        int length = r.length + s.length;   // at most 2 * 35 < 128: short-form lengths throughout
        byte[] der = new byte[2 + length];
        der[0] = 0x30;
        der[1] = (byte) length;
        System.arraycopy(r, 0, der, 2, r.length);
        System.arraycopy(s, 0, der, 2 + r.length, s.length);
        return der;
    }

    /** One 32-byte unsigned big-endian half as a DER INTEGER: leading zeros dropped, 0x00 added if the top bit is set. */
    private static byte[] derInteger(byte[] jose, int offset) {
        int start = offset;
        int end = offset + 32;
        while (start < end - 1 && jose[start] == 0) {
            start++;
        }
        boolean pad = (jose[start] & 0x80) != 0;
        int length = end - start + (pad ? 1 : 0);
        byte[] out = new byte[2 + length];
        out[0] = 0x02;
        out[1] = (byte) length;
        System.arraycopy(jose, start, out, 2 + (pad ? 1 : 0), end - start);
        return out;
    }
}
