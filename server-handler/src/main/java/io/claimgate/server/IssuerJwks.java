package io.claimgate.server;

import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.idp.Discovery;
import io.claimgate.server.idp.IdpEndpoint;
import io.claimgate.server.jwks.HttpJwksSource;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.jwks.JwksCacheRegistry;
import io.claimgate.server.jwks.JwksSpec;
import io.claimgate.server.metrics.ValidatorMetrics;
import java.util.Optional;

/**
 * The JWKS cache of one issuer, taken from the JVM's {@link JwksCacheRegistry}: every validator
 * whose issuer has an equal {@link JwksSpec} uses the same cache, refresh thread and circuit
 * breaker, so the IdP sees one fetch schedule per JVM however many listeners (and handler
 * instances per listener) Kafka creates.
 */
final class IssuerJwks {
    private IssuerJwks() {
    }

    /**
     * Acquires the shared cache of {@code spec}, started (the first fetch waited for, bounded),
     * with this validator's metrics attached under {@code issuer}. {@code http} and
     * {@code discovery} are used only when the cache is created here. The caller closes the lease,
     * also when it fails afterwards.
     */
    static JwksCacheRegistry.Lease acquire(JwksSpec spec, Issuer issuer, IdpHttpClient http,
                                           Optional<Discovery> discovery, ValidatorMetrics metrics) {
        JwksCacheRegistry.Lease lease = JwksCacheRegistry.jvm().acquire(spec, issuer.id(),
                metrics.jwksFetches(issuer.id()), fetches -> {
                    IdpEndpoint endpoint = spec.jwksUri().map(IdpEndpoint::fixed).orElseGet(() ->
                            IdpEndpoint.discovered(discovery.orElseThrow(), IdpEndpoint.JWKS_URI,
                                    OptionNames.JWKS_ENDPOINT_URI));
                    CircuitBreaker breaker = spec.breaker().create("JWKS endpoint " + endpoint.describe()
                            + " (issuer '" + issuer.id() + "')");
                    return new JwksCacheRegistry.Shared(new JwksCache(new HttpJwksSource(endpoint, http, breaker),
                            spec.refreshInterval(), spec.minPause(), spec.startWait(), spec.maxAge(), fetches), breaker);
                });
        // Gauges combine every registration of a name and issuer (SharedGauges): registering the
        // shared cache again per validator neither duplicates them nor loses them when one closes.
        metrics.jwksGauges(issuer.id(), lease.cache());
        metrics.circuitBreaker(issuer.id(), "jwks", lease.breaker());
        return lease;
    }
}
