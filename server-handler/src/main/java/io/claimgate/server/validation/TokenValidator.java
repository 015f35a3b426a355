package io.claimgate.server.validation;

import io.claimgate.server.ValidatedToken;

/**
 * Turns a bearer token into a {@link ValidatedToken} or rejects it. The one seam of the broker
 * side: today {@link JwtValidator} (local JWT validation against a JWKS); later an introspecting
 * validator for opaque tokens, and a router choosing per-issuer validators, implement the same
 * interface so the callback handler does not change.
 *
 * <p>Implementations are thread-safe and called from Kafka's network threads: they must return
 * within a bounded time and never block indefinitely on the identity provider.
 */
public interface TokenValidator extends AutoCloseable {

    ValidatedToken validate(String token) throws TokenValidationException;

    /** Releases background threads and connections; idempotent. */
    @Override
    void close();
}
