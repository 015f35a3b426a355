package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Which JWK can verify which algorithm. A key is only ever used for the algorithm family it was
 * made for: that is the second half of the defence against algorithm confusion.
 */
final class KeyTypes {
    private KeyTypes() {
    }

    /** Null if {@code key} may verify {@code algorithm}; otherwise why not, for a rejection detail. */
    static String incompatibility(JWK key, JWSAlgorithm algorithm) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return "it is published for use '" + Sanitizer.sanitize(key.getKeyUse().identifier()) + "', not 'sig'";
        }
        // A JWK's own "alg" pins it to one algorithm (RFC 7517 section 4.4).
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(algorithm.getName())) {
            return "it is published for alg '" + Sanitizer.sanitize(key.getAlgorithm().getName()) + "'";
        }
        if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
            return key instanceof RSAKey ? null : "it is a key of type " + key.getKeyType() + " and " + algorithm + " needs RSA";
        }
        if (JWSAlgorithm.Family.EC.contains(algorithm)) {
            if (!(key instanceof ECKey ec)) {
                return "it is a key of type " + key.getKeyType() + " and " + algorithm + " needs EC";
            }
            return Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve()) ? null
                    : "it is on curve " + ec.getCurve() + ", which " + algorithm + " does not use";
        }
        if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve()) ? null
                    : "it is not an Ed25519 key";
        }
        return algorithm + " is not supported";
    }
}
