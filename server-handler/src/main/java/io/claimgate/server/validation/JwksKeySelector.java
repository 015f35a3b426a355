package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.jwks.JwksSnapshot;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Selects keys from a {@link JwksCache}: by {@code kid} exactly when the token has one, else every
 * signing key of the right type. Never waits for the IdP: a miss asks the cache for a background
 * refresh (single-flight, rate-limited) and refuses the token at once. A key the IdP rotated in
 * since the last fetch is thus picked up by that refresh and accepted on the client's next attempt,
 * while tokens naming made-up keys cost the broker no more than the refusal. Each snapshot is
 * indexed ({@link KeyIndex}) once, when first used.
 */
public final class JwksKeySelector implements KeySelector {
    private final JwksCache cache;
    /** The index of the last snapshot used; replaced, never changed (a race only builds one twice). */
    private volatile KeyIndex index = KeyIndex.of(JwksSnapshot.NONE);

    public JwksKeySelector(JwksCache cache) {
        this.cache = cache;
    }

    @Override
    public List<VerificationKey> select(String kid, JWSAlgorithm algorithm) throws TokenValidationException {
        JwksSnapshot keys = cache.current();
        List<VerificationKey> found = usableCandidates(keys, kid, algorithm);
        if (!found.isEmpty()) {
            return found;
        }
        cache.refreshInBackground();   // not waited for: see the class comment
        if (cache.expired(keys)) {
            throw new TokenValidationException(Reason.KEYS_UNAVAILABLE, "the last good JWKS, fetched at "
                    + keys.fetchedAt() + ", is older than oauth.jwks.max.age.seconds=" + cache.maxAge().toSeconds()
                    + "; keys are being refreshed in the background");
        }
        if (!keys.loaded()) {
            throw new TokenValidationException(Reason.KEYS_UNAVAILABLE,
                    "no signing keys yet (the JWKS could not be fetched so far); keys are being refreshed in the"
                            + " background");
        }
        throw new TokenValidationException(Reason.UNKNOWN_KEY, (kid != null
                ? "key '" + Sanitizer.sanitize(kid) + "' is unknown"
                : "token has no kid and the JWKS has no signing key for " + algorithm)
                + "; keys are being refreshed in the background");
    }

    /** Keys past the maximum age are not used: the IdP may have withdrawn them since. */
    private List<VerificationKey> usableCandidates(JwksSnapshot snapshot, String kid, JWSAlgorithm algorithm)
            throws TokenValidationException {
        return cache.expired(snapshot) ? List.of() : candidates(indexOf(snapshot), kid, algorithm);
    }

    private KeyIndex indexOf(JwksSnapshot snapshot) {
        KeyIndex current = index;
        if (!current.indexes(snapshot)) {
            current = KeyIndex.of(snapshot);
            index = current;
        }
        return current;
    }

    private static List<VerificationKey> candidates(KeyIndex keys, String kid, JWSAlgorithm algorithm)
            throws TokenValidationException {
        if (kid == null) {
            return compatible(keys.all(), algorithm);
        }
        List<VerificationKey> named = keys.named(kid);
        List<VerificationKey> usable = compatible(named, algorithm);
        if (!named.isEmpty() && usable.isEmpty()) {
            // The key exists but is of another kind: a misconfigured IdP or an algorithm-confusion
            // attempt. Refetching would not change that.
            throw new TokenValidationException(Reason.BAD_SIGNATURE, "key '" + Sanitizer.sanitize(kid)
                    + "' cannot verify " + algorithm + ": " + KeyTypes.incompatibility(named.get(0).jwk(), algorithm));
        }
        return usable;
    }

    /** {@code keys} itself when all fit (the usual single named key): no copy per token. */
    private static List<VerificationKey> compatible(List<VerificationKey> keys, JWSAlgorithm algorithm) {
        int fitting = 0;
        for (VerificationKey key : keys) {
            if (KeyTypes.incompatibility(key.jwk(), algorithm) == null) {
                fitting++;
            }
        }
        if (fitting == keys.size()) {
            return keys;
        }
        List<VerificationKey> usable = new ArrayList<>(fitting);
        for (VerificationKey key : keys) {
            if (KeyTypes.incompatibility(key.jwk(), algorithm) == null) {
                usable.add(key);
            }
        }
        return usable;
    }
}
