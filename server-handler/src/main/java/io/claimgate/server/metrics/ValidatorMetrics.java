package io.claimgate.server.metrics;

import io.claimgate.common.metrics.AdderCounters;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.validation.CachingTokenValidator;
import io.claimgate.server.validation.IntrospectionValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The validator's meters, in the registry its plugin passes in (in Kafka the JVM-wide
 * {@link ClaimgateMetrics} registry, JMX domain {@code claimgate}); docs/METRICS.md describes them. The {@code issuer} tag is the issuer's name
 * in {@code oauth.issuers} ({@code default} without it, {@code unknown} for a token no configured
 * issuer claims): never a value taken from a token, so a client cannot create meters.
 *
 * <p>One instance per validator; {@link #close()} withdraws its contributions to the gauges.
 */
public final class ValidatorMetrics implements AutoCloseable {
    public static final String VALIDATIONS = "claimgate.validations";
    public static final String VALIDATION_LATENCY = "claimgate.validation.latency";
    public static final String TOKEN_CACHE_HITS = "claimgate.token.cache.hits";
    public static final String TOKEN_CACHE_MISSES = "claimgate.token.cache.misses";
    public static final String TOKEN_CACHE_SIZE = "claimgate.token.cache.size";
    public static final String JWKS_FETCHES = "claimgate.jwks.fetches";
    public static final String JWKS_KEYS = "claimgate.jwks.keys";
    public static final String JWKS_AGE = "claimgate.jwks.age.seconds";
    public static final String INTROSPECTIONS = "claimgate.introspection.requests";
    public static final String CIRCUIT_STATE = "claimgate.idp.circuit.state";
    public static final String UNKNOWN_ISSUER = "unknown";

    private final MeterRegistry registry;
    private final List<AutoCloseable> gauges = new CopyOnWriteArrayList<>();
    private final Map<ValidationKey, LongAdder> validationCounters = new ConcurrentHashMap<>();
    private final Timer acceptedLatency;
    private final Timer rejectedLatency;

    /** @param registry where the meters go: the plugin's, obtained in its {@code configure()} */
    public ValidatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acceptedLatency = latency("accepted");
        this.rejectedLatency = latency("rejected");
    }

    private Timer latency(String outcome) {
        return Timer.builder(VALIDATION_LATENCY).description("Time to validate a token not answered from the token cache")
                .tag("outcome", outcome).register(registry);
    }

    private record ValidationKey(boolean accepted, String reason, String issuer) {
    }

    /**
     * The counter of tokens accepted for {@code issuer}: callers resolve it once per issuer, as
     * counting an accepted token (a cache hit costs ~1 µs) must not cost a lookup.
     */
    public LongAdder accepted(String issuer) {
        return validations(new ValidationKey(true, "none", issuer));
    }

    /** One rejection, by reason and issuer. */
    public void rejected(String reason, String issuer) {
        validations(new ValidationKey(false, reason, issuer)).increment();
    }

    private LongAdder validations(ValidationKey key) {
        LongAdder count = validationCounters.get(key);
        return count != null ? count : validationCounters.computeIfAbsent(key, k -> counter(VALIDATIONS,
                "Token validations by outcome, rejection reason and issuer", Tags.of("outcome",
                        k.accepted() ? "accepted" : "rejected", "reason", k.reason(), "issuer", k.issuer())));
    }

    private LongAdder counter(String name, String description, Tags tags) {
        return AdderCounters.counter(registry, name, description, tags);
    }

    /** The time of one validation that was not answered from the token cache. */
    public void latency(boolean accepted, long nanos) {
        (accepted ? acceptedLatency : rejectedLatency).record(nanos, TimeUnit.NANOSECONDS);
    }

    public CachingTokenValidator.Listener tokenCache() {
        LongAdder hits = counter(TOKEN_CACHE_HITS, "Validations answered from the token cache", Tags.empty());
        LongAdder misses = counter(TOKEN_CACHE_MISSES, "Validations the token cache could not answer", Tags.empty());
        return new CachingTokenValidator.Listener() {
            @Override
            public void hit() {
                hits.increment();
            }

            @Override
            public void miss() {
                misses.increment();
            }
        };
    }

    public void tokenCacheSize(DoubleSupplier size) {
        gauge(TOKEN_CACHE_SIZE, "Validated tokens in the cache (all listeners)", Tags.empty(),
                SharedGauges.Combine.SUM, size);
    }

    public JwksCache.Listener jwksFetches(String issuer) {
        LongAdder success = fetchCounter(issuer, "success");
        LongAdder failure = fetchCounter(issuer, "failure");
        return ok -> (ok ? success : failure).increment();
    }

    private LongAdder fetchCounter(String issuer, String outcome) {
        return counter(JWKS_FETCHES, "JWKS fetches by outcome", Tags.of("issuer", issuer, "outcome", outcome));
    }

    public void jwksGauges(String issuer, JwksCache cache) {
        Tags tags = Tags.of("issuer", issuer);
        gauge(JWKS_KEYS, "Signing keys in the last good JWKS", tags, SharedGauges.Combine.MAX,
                () -> cache.current().keys().size());
        gauge(JWKS_AGE, "Seconds since the last successful JWKS fetch (since start-up if none yet)", tags,
                SharedGauges.Combine.MAX, cache::secondsSinceLastSuccess);
    }

    public IntrospectionValidator.Listener introspections(String issuer) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return (outcome, nanos) -> timers.computeIfAbsent(outcome, o -> Timer.builder(INTROSPECTIONS)
                        .description("Introspection requests by outcome (active, inactive, error) and their latency")
                        .tags("issuer", issuer, "outcome", o).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param endpoint {@code jwks} or {@code introspection} */
    public void circuitBreaker(String issuer, String endpoint, CircuitBreaker breaker) {
        gauge(CIRCUIT_STATE, "Circuit breaker of an IdP endpoint: 0 closed, 1 half-open, 2 open",
                Tags.of("issuer", issuer, "endpoint", endpoint), SharedGauges.Combine.MAX,
                () -> breaker.state().gaugeValue);
    }

    private void gauge(String name, String description, Tags tags, SharedGauges.Combine combine, DoubleSupplier value) {
        gauges.add(SharedGauges.register(registry, name, description, tags, combine, value));
    }

    @Override
    public void close() {
        for (AutoCloseable gauge : gauges) {
            try {
                gauge.close();
            } catch (Exception e) {
                // removing from a set does not fail
            }
        }
        gauges.clear();
    }
}
