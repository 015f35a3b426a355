package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4: the signature must verify with one of the candidate keys, with the JCA algorithm of the
 * token's (allowed) {@code alg} ({@link JcaAlgorithm}; ECDSA with {@link EcdsaKey}). The candidates were matched to the
 * algorithm's key type by the key selector; a key the JCA still refuses is a rejection, not an error.
 */
public final class SignatureCheck {
    private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);

    /** Returns the key that verified the signature. */
    public VerificationKey verify(CompactJws jws, JWSAlgorithm algorithm, List<VerificationKey> candidates)
            throws TokenValidationException {
        JcaAlgorithm jca = JcaAlgorithm.of(algorithm);
        byte[] signature;
        try {
            signature = jws.signature();
        } catch (IllegalArgumentException e) {
            // BAD_SIGNATURE, not MALFORMED: the header parsed, so this is a JWS (MALFORMED from the
            // parser means "perhaps an opaque token" to the router), and a signature in any other
            // spelling than the one canonical encoding is not a signature of this token.
            throw new TokenValidationException(Reason.BAD_SIGNATURE, "the signature is not canonical base64url: "
                    + e.getMessage());
        }
        String problem = jca == null ? algorithm + " is not supported" : null;
        for (VerificationKey key : jca == null ? List.<VerificationKey>of() : candidates) {
            if (key.problem() != null) {
                problem = key.problem();
                continue;
            }
            try {
                if (key.verifies(jca, jws.signed(), jws.signingInputLength(), signature)) {
                    return key;
                }
            } catch (GeneralSecurityException e) {
                problem = e.getMessage();
                log.debug("claimgate could not verify with key {}: {}", Sanitizer.sanitize(key.jwk().getKeyID()),
                        problem);
            }
        }
        String kid = jws.header().keyId();
        String detail = kid != null
                ? "signature does not verify with key '" + Sanitizer.sanitize(kid) + "'"
                : "signature does not verify with any of the " + candidates.size() + " candidate key(s)";
        throw new TokenValidationException(Reason.BAD_SIGNATURE,
                problem == null ? detail : detail + " (" + Sanitizer.sanitize(String.valueOf(problem), 120) + ")");
    }
}
