package io.claimgate.server.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4: the signature must verify with one of the candidate keys. Verifiers are built once per
 * key (turning a JWK into a JCA key is a noticeable share of the cost) and forgotten with the key:
 * the cache holds keys weakly, so a JWKS refresh drops old entries by itself.
 */
public final class SignatureCheck {
    private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);
    /** As Kafka's built-in validator (jose4j): shorter RSA keys are not trusted. */
    static final int MIN_RSA_BITS = 2048;

    private final Cache<JWK, JWSVerifier> verifiers = Caffeine.newBuilder().weakKeys().maximumSize(1024).build();

    /** Returns the key that verified the signature. */
    public JWK verify(SignedJWT jwt, List<JWK> candidates) throws TokenValidationException {
        String problem = null;
        for (JWK key : candidates) {
            try {
                if (jwt.verify(verifierFor(key))) {
                    return key;
                }
            } catch (JOSEException e) {
                problem = e.getMessage();
                log.debug("claimgate could not verify with key {}: {}", Sanitizer.sanitize(key.getKeyID()), problem);
            }
        }
        String kid = jwt.getHeader().getKeyID();
        String detail = kid != null
                ? "signature does not verify with key '" + Sanitizer.sanitize(kid) + "'"
                : "signature does not verify with any of the " + candidates.size() + " candidate key(s)";
        throw new TokenValidationException(Reason.BAD_SIGNATURE,
                problem == null ? detail : detail + " (" + Sanitizer.sanitize(problem, 120) + ")");
    }

    private JWSVerifier verifierFor(JWK key) throws JOSEException {
        JWSVerifier verifier = verifiers.getIfPresent(key);
        if (verifier == null) {
            verifier = create(key);
            verifiers.put(key, verifier);
        }
        return verifier;
    }

    /**
     * Dispatches on the key type rather than Nimbus' {@code DefaultJWSVerifierFactory}: that would
     * pick Nimbus' Tink-based Ed25519 verifier, and the key type was already matched to the
     * algorithm by the key selector.
     */
    static JWSVerifier create(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            if (rsa.size() < MIN_RSA_BITS) {
                throw new JOSEException("RSA key is " + rsa.size() + " bits, fewer than " + MIN_RSA_BITS);
            }
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new JdkEd25519Verifier(okp);
        }
        throw new JOSEException("key type " + key.getKeyType() + " cannot verify signatures");
    }
}
