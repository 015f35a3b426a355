package io.claimgate.rest;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.ValidatorFactory;
import io.claimgate.server.validation.TokenValidator;
import java.io.Closeable;
import java.time.Clock;

/**
 * What a REST extension runs between {@code configure} and close: the broker's validator stack,
 * the authorizer's policy engine, and the {@link RestGuard} over both for one REST API. Shared by
 * {@link OAuthConnectRestExtension} and {@link OAuthRestResourceExtension}, so that both start,
 * decide and stop the same way.
 */
final class RestSecurity implements Closeable {
    private final TokenValidator validator;
    private final RestAuthorizer authorizer;
    private final RestGuard guard;

    private RestSecurity(TokenValidator validator, RestAuthorizer authorizer, RestGuard guard) {
        this.validator = validator;
        this.authorizer = authorizer;
        this.guard = guard;
    }

    /**
     * Loads the policies, then starts the validator (with its JWKS refresh). Policies first: a bad
     * policy file then leaves no validator thread behind.
     */
    static RestSecurity start(RestOptions options, RestSurface surface) {
        RestAuthorizer authorizer = new RestAuthorizer(options.authorizer(), options.policyLocation());
        TokenValidator validator;
        try {
            validator = ValidatorFactory.create(options.validator(), Clock.systemUTC(),
                    ClaimgateMetrics.registry());
        } catch (RuntimeException | Error e) {
            authorizer.close();
            throw e;
        }
        return new RestSecurity(validator, authorizer,
                new RestGuard(validator, authorizer::allowed, options.publicPaths(), surface));
    }

    /** A new JAX-RS filter applying this guard; register it with {@code Priorities.AUTHENTICATION}. */
    BearerTokenFilter filter() {
        return new BearerTokenFilter(guard);
    }

    /** Stops the JWKS refresh and policy reload threads and releases the caches. */
    @Override
    public void close() {
        guard.close();
        try {
            validator.close();
        } finally {
            authorizer.close();
        }
    }
}
