package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.ValidatedToken;

/**
 * Watches one {@link JwtValidator} step by step, for tools that explain a decision (the CLI's
 * {@code token explain}); the broker uses {@link #NONE}. Each method is called after its step
 * passed, so a rejection follows the last step reported. Implementations must not change anything
 * and must not keep or print the token: they receive only its parsed parts.
 */
public interface ValidationObserver {
    ValidationObserver NONE = new ValidationObserver() { };

    /** The JOSE header, parsed but not yet trusted. */
    default void header(JoseHeader header) {
    }

    /** The algorithm is in {@code oauth.allowed.algorithms} (or the default set). */
    default void algorithmAllowed(JWSAlgorithm algorithm) {
    }

    /** The {@code typ} header is accepted. */
    default void typeAccepted(String type) {
    }

    /** The JWKS keys that may have signed it (by {@code kid} and algorithm), e.g. {@code RSA key 'k1'}. */
    default void keysSelected(java.util.List<String> keys) {
    }

    default void signatureVerified() {
    }

    /** Every claim check passed: iss, aud, exp/nbf/iat with the skew, scopes, the claim check. */
    default void claimsVerified(JwtClaims claims) {
    }

    /** The claims were mapped to the principal, groups and scopes. */
    default void mapped(ValidatedToken token) {
    }
}
