package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.jwks.JwksSnapshot;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.List;

/**
 * Selects keys from a {@link JwksCache}: by {@code kid} exactly when the token has one, else every
 * signing key of the right type. A miss asks the cache for one (rate-limited, single-flight)
 * refresh, which is how a rotated-in key is picked up on first use.
 */
public final class JwksKeySelector implements KeySelector {
    private final JwksCache cache;

    public JwksKeySelector(JwksCache cache) {
        this.cache = cache;
    }

    @Override
    public List<JWK> select(JWSHeader header, JWSAlgorithm algorithm) throws TokenValidationException {
        String kid = header.getKeyID();
        List<JWK> found = usableCandidates(cache.current(), kid, algorithm);
        if (!found.isEmpty()) {
            return found;
        }
        JwksCache.RefreshOutcome outcome = cache.refreshForUnknownKey();
        found = usableCandidates(outcome.snapshot(), kid, algorithm);
        if (!found.isEmpty()) {
            return found;
        }
        if (cache.expired(outcome.snapshot())) {
            throw new TokenValidationException(Reason.KEYS_UNAVAILABLE, "the last good JWKS, fetched at "
                    + outcome.snapshot().fetchedAt() + ", is older than oauth.jwks.max.age.seconds="
                    + cache.maxAge().toSeconds() + " and cannot be refreshed (" + outcome.note() + ")");
        }
        if (!outcome.snapshot().loaded()) {
            throw new TokenValidationException(Reason.KEYS_UNAVAILABLE,
                    "no signing keys yet: the JWKS could not be fetched (" + outcome.note() + ")");
        }
        throw new TokenValidationException(Reason.UNKNOWN_KEY, kid != null
                ? "no key with kid '" + Sanitizer.sanitize(kid) + "' in the JWKS (" + outcome.note() + ")"
                : "token has no kid and the JWKS has no signing key for " + algorithm + " (" + outcome.note() + ")");
    }

    /** Keys past the maximum age are not used: the IdP may have withdrawn them since. */
    private List<JWK> usableCandidates(JwksSnapshot snapshot, String kid, JWSAlgorithm algorithm)
            throws TokenValidationException {
        return cache.expired(snapshot) ? List.of() : candidates(snapshot, kid, algorithm);
    }

    private static List<JWK> candidates(JwksSnapshot snapshot, String kid, JWSAlgorithm algorithm)
            throws TokenValidationException {
        if (kid == null) {
            return snapshot.keys().stream().filter(k -> KeyTypes.incompatibility(k, algorithm) == null).toList();
        }
        List<JWK> named = snapshot.keys().stream().filter(k -> kid.equals(k.getKeyID())).toList();
        List<JWK> usable = named.stream().filter(k -> KeyTypes.incompatibility(k, algorithm) == null).toList();
        if (!named.isEmpty() && usable.isEmpty()) {
            // The key exists but is of another kind: a misconfigured IdP or an algorithm-confusion
            // attempt. Refetching would not change that.
            throw new TokenValidationException(Reason.BAD_SIGNATURE, "key '" + Sanitizer.sanitize(kid)
                    + "' cannot verify " + algorithm + ": " + KeyTypes.incompatibility(named.get(0), algorithm));
        }
        return usable;
    }
}
