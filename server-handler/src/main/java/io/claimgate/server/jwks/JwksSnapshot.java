package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verification keys of one successful JWKS fetch. Immutable, so network threads read it
 * without locks while the refresh thread swaps in a newer one.
 *
 * @param keys      public keys only
 * @param fetchedAt when the fetch completed; {@link Instant#EPOCH} for the initial empty snapshot
 */
public record JwksSnapshot(List<JWK> keys, Instant fetchedAt) {

    /** Before the first successful fetch. */
    public static final JwksSnapshot NONE = new JwksSnapshot(List.of(), Instant.EPOCH);

    public JwksSnapshot {
        keys = List.copyOf(keys);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /**
     * Keeps only public keys: private halves are stripped, symmetric ({@code oct}) keys dropped.
     * A JWKS is public by definition; a secret in it is the IdP's mistake, never a key we use.
     */
    public static JwksSnapshot of(JWKSet set, Instant fetchedAt) {
        return new JwksSnapshot(set.toPublicJWKSet().getKeys(), fetchedAt);
    }

    /** Whether any fetch has succeeded yet (an IdP may legitimately publish zero keys). */
    public boolean loaded() {
        return this != NONE && !fetchedAt.equals(Instant.EPOCH);
    }

    /** The key ids, for log lines. */
    public List<String> keyIds() {
        return keys.stream().map(k -> k.getKeyID() == null ? "(no kid)" : k.getKeyID()).toList();
    }
}
