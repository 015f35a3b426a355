package io.claimgate.server;

import io.claimgate.server.metrics.MeteredTokenValidator;
import io.claimgate.server.metrics.TimedTokenValidator;
import io.claimgate.server.metrics.ValidatorMetrics;
import io.claimgate.server.validation.CachingTokenValidator;
import io.claimgate.server.validation.IssuerPipeline;
import io.claimgate.server.validation.TokenParser;
import io.claimgate.server.validation.TokenRouter;
import io.claimgate.server.validation.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** A started validator; the caller owns it and must {@link TokenValidator#close() close} it. */
    public static TokenValidator create(ValidatorOptions options, Clock clock) {
        ValidatorMetrics metrics = new ValidatorMetrics();
        List<IssuerPipeline> started = new ArrayList<>();
        try {
            Map<String, IssuerPipeline> byIssuer = new HashMap<>();
            Map<String, String> idByIssuer = new HashMap<>();
            for (IssuerOptions issuer : options.issuers()) {
                IssuerPipeline pipeline = IssuerValidators.start(issuer, clock, options.failFast(),
                        options.tokenCacheMaxEntries(), metrics);
                started.add(pipeline);
                issuer.expectedIssuer().ifPresent(iss -> {
                    byIssuer.put(iss, pipeline);
                    idByIssuer.put(iss, issuer.id());
                });
            }
            TokenValidator router = new TimedTokenValidator(
                    new TokenRouter(new TokenParser(maxTokenBytes(options)), started, byIssuer), metrics);
            return new MeteredTokenValidator(cached(router, options, clock, metrics), metrics, idByIssuer,
                    options.multiIssuer() ? ValidatorMetrics.UNKNOWN_ISSUER : options.single().id());
        } catch (RuntimeException | Error e) {
            started.forEach(IssuerPipeline::close);
            metrics.close();
            throw e;
        }
    }

    private static TokenValidator cached(TokenValidator core, ValidatorOptions options, Clock clock,
                                         ValidatorMetrics metrics) {
        if (options.tokenCacheMaxEntries() == 0) {
            return core;
        }
        Map<String, Duration> skewByIssuer = new HashMap<>();
        Duration widest = Duration.ZERO;
        for (IssuerOptions issuer : options.issuers()) {
            issuer.expectedIssuer().ifPresent(iss -> skewByIssuer.put(iss, issuer.clockSkew()));
            widest = widest.compareTo(issuer.clockSkew()) >= 0 ? widest : issuer.clockSkew();
        }
        Duration fallback = options.multiIssuer() ? widest : options.single().clockSkew();
        CachingTokenValidator cache = new CachingTokenValidator(core, options.tokenCacheMaxEntries(), clock,
                token -> options.multiIssuer() && token.issuer() != null
                        ? skewByIssuer.getOrDefault(token.issuer(), fallback) : fallback,
                maxTokenBytes(options), metrics.tokenCache());
        metrics.tokenCacheSize(cache::size);
        return cache;
    }

    private static int maxTokenBytes(ValidatorOptions options) {
        return options.issuers().stream().mapToInt(IssuerOptions::maxTokenBytes).max().orElseThrow();
    }
}
