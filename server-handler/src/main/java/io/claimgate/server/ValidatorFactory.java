package io.claimgate.server;

import io.claimgate.server.metrics.MeteredTokenValidator;
import io.claimgate.server.metrics.TimedTokenValidator;
import io.claimgate.server.metrics.ValidatorMetrics;
import io.claimgate.server.validation.CachingTokenValidator;
import io.claimgate.server.validation.IssuerPipeline;
import io.claimgate.server.validation.TokenParser;
import io.claimgate.server.validation.TokenRouter;
import io.claimgate.server.validation.TokenValidator;
import io.claimgate.server.validation.ValidationObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the validator of one listener from its options, as layers that are each a
 * {@link TokenValidator}: metrics → token cache → router → per-issuer pipelines (JWT with JWKS,
 * introspection).
 *
 * <p>Public so that every place that accepts bearer tokens builds the very same stack from the
 * same options: the broker's {@link OAuthValidatorCallbackHandler} and the REST extension
 * ({@code io.claimgate.rest}), which must not validate any differently.
 */
public final class ValidatorFactory {
    private ValidatorFactory() {
    }

    /**
     * A started validator; the caller owns it and must {@link TokenValidator#close() close} it.
     *
     * @param registry where its meters go: the calling plugin's
     */
    public static TokenValidator create(ValidatorOptions options, Clock clock, MeterRegistry registry) {
        return create(options, clock, registry, ValidationObserver.NONE);
    }

    /**
     * The same stack, whose JWT pipelines report each step to {@code observer}: for the CLI's
     * {@code token explain}, which must validate exactly as the broker does.
     */
    public static TokenValidator create(ValidatorOptions options, Clock clock, MeterRegistry registry,
                                        ValidationObserver observer) {
        ValidatorMetrics metrics = new ValidatorMetrics(registry);
        List<IssuerPipeline> started = new ArrayList<>();
        try {
            for (IssuerOptions issuer : options.issuers()) {
                started.add(IssuerValidators.start(issuer, clock, options.failFast(), options.tokenCacheMaxEntries(),
                        metrics, observer));
            }
            TokenValidator router = new TimedTokenValidator(
                    new TokenRouter(new TokenParser(maxTokenBytes(options)), started), metrics);
            return new MeteredTokenValidator(cached(router, options, clock, metrics), metrics,
                    started.stream().map(IssuerPipeline::issuer).toList(),
                    options.multiIssuer() ? ValidatorMetrics.UNKNOWN_ISSUER : options.single().id());
        } catch (RuntimeException | Error e) {
            started.forEach(IssuerPipeline::close);
            metrics.close();
            throw e;
        }
    }

    /** Under the cache, each token is checked with the clock skew of the issuer it carries. */
    private static TokenValidator cached(TokenValidator core, ValidatorOptions options, Clock clock,
                                         ValidatorMetrics metrics) {
        if (options.tokenCacheMaxEntries() == 0) {
            return core;
        }
        CachingTokenValidator cache = new CachingTokenValidator(core, options.tokenCacheMaxEntries(), clock,
                maxTokenBytes(options), metrics.tokenCache());
        metrics.tokenCacheSize(cache::size);
        return cache;
    }

    private static int maxTokenBytes(ValidatorOptions options) {
        return options.issuers().stream().mapToInt(issuer -> issuer.format().maxBytes()).max().orElseThrow();
    }
}
