package io.claimgate.server;

import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.HttpSettings;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.idp.Discovery;
import io.claimgate.server.idp.IdpEndpoint;
import io.claimgate.server.jwks.HttpJwksSource;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.jwks.JwksCacheKey;
import io.claimgate.server.jwks.JwksCacheRegistry;
import io.claimgate.server.metrics.ValidatorMetrics;
import java.time.Duration;
import java.util.Optional;

/**
 * The JWKS cache of one issuer, taken from the JVM's {@link JwksCacheRegistry}: every validator
 * whose issuer has the same JWKS settings ({@link #key}) uses the same cache, refresh thread and
 * circuit breaker, so the IdP sees one fetch schedule per JVM however many listeners (and
 * handler instances per listener) Kafka creates.
 */
final class IssuerJwks {
    private IssuerJwks() {
    }

    /** What defines the cache of {@code options}: where the keys come from, how, and how often. */
    static JwksCacheKey key(IssuerOptions options) {
        HttpSettings http = options.http();
        return new JwksCacheKey(options.jwksUri(), options.jwksUri().isPresent() ? Optional.empty()
                : options.issuerUri(), http.connectTimeout(), http.readTimeout(), http.retries(), http.tlsFingerprint(),
                options.jwksRefreshInterval(), options.jwksRefreshMinPause(), options.jwksMaxAge(),
                options.breaker().failures(), options.breaker().cooldown(),
                http.proxy().map(p -> p.getHostString() + ":" + p.getPort()));
    }

    /**
     * Acquires the shared cache of {@code options}, started (the first fetch waited for, bounded),
     * with this validator's metrics attached. {@code http} and {@code discovery} are used only when
     * the cache is created here. The caller closes the lease, also when it fails afterwards.
     */
    static JwksCacheRegistry.Lease acquire(IssuerOptions options, IdpHttpClient http, Optional<Discovery> discovery,
                                           ValidatorMetrics metrics) {
        Duration timeouts = options.http().connectTimeout().plus(options.http().readTimeout());
        JwksCacheRegistry.Lease lease = JwksCacheRegistry.jvm().acquire(key(options), options.id(),
                metrics.jwksFetches(options.id()), fetches -> {
                    IdpEndpoint endpoint = options.jwksUri().map(IdpEndpoint::fixed).orElseGet(() ->
                            IdpEndpoint.discovered(discovery.orElseThrow(), IdpEndpoint.JWKS_URI,
                                    OptionNames.JWKS_ENDPOINT_URI));
                    CircuitBreaker breaker = new CircuitBreaker("JWKS endpoint " + endpoint.describe() + " (issuer '"
                            + options.id() + "')", options.breaker().failures(), options.breaker().cooldown());
                    return new JwksCacheRegistry.Shared(new JwksCache(new HttpJwksSource(endpoint, http, breaker),
                            options.jwksRefreshInterval(), options.jwksRefreshMinPause(), timeouts,
                            options.jwksMaxAge(), fetches), breaker);
                });
        // Gauges combine every registration of a name and issuer (SharedGauges): registering the
        // shared cache again per validator neither duplicates them nor loses them when one closes.
        metrics.jwksGauges(options.id(), lease.cache());
        metrics.circuitBreaker(options.id(), "jwks", lease.breaker());
        return lease;
    }
}
