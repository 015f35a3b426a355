package io.claimgate.server.validation;

import io.claimgate.server.ValidatedToken;

/**
 * Turns a bearer token into a {@link ValidatedToken} or rejects it. The one seam of the broker
 * side; a listener's validator is a stack of these, each with one job (built by
 * {@code io.claimgate.server.ValidatorFactory}):
 * {@code MeteredTokenValidator} (metrics) → {@link CachingTokenValidator} (validated-token cache)
 * → {@link TokenRouter} (JWT or opaque; which issuer) → per issuer {@link JwtValidator} (JWKS)
 * and/or {@link IntrospectionValidator} (RFC 7662).
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
