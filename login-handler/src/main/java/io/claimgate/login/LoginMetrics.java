package io.claimgate.login;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The meters of one shared token (one credential), in the registry the login handler passes in
 * (the JVM-wide {@link ClaimgateMetrics} registry, JMX domain {@code claimgate}); docs/METRICS.md describes them. The
 * one identifying tag is {@code client_id}, from the configuration, never a value from the IdP, so
 * nothing the network says creates meters; it keeps the counters within the three tags the
 * sample JMX exporter rules map. Credentials of one client id that differ otherwise (scope,
 * endpoint, ...) add up in the counters; the expiry gauge then shows the soonest of their tokens.
 */
final class LoginMetrics implements AutoCloseable {
    static final String TOKEN_REQUESTS = "claimgate.login.token.requests";
    static final String TOKEN_EXPIRES_IN = "claimgate.login.token.expires.in.seconds";

    /** The expiry gauges in use, by registry and tags: credentials with equal tags share one. */
    private static final Map<List<Object>, Expiries> EXPIRIES = new HashMap<>();   // guarded by itself

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter succeeded;
    private final Map<TokenFailureReason, Counter> failed = new ConcurrentHashMap<>();
    private final Supplier<Double> expiresIn;

    /**
     * @param current the credential's current token, if any
     * @param clock   what "now" is for the seconds left
     */
    LoginMetrics(MeterRegistry registry, CredentialKey key, Supplier<ClientAccessToken> current, Clock clock) {
        this.registry = registry;
        this.tags = Tags.of("client_id", key.clientId());
        this.succeeded = requests("success", "none");
        this.expiresIn = () -> {
            ClientAccessToken token = current.get();
            return token == null ? Double.NaN : (token.lifetimeMs() - clock.millis()) / 1000.0;
        };
        synchronized (EXPIRIES) {
            EXPIRIES.computeIfAbsent(List.of(registry, tags), k -> new Expiries(registry, tags)).add(expiresIn);
        }
    }

    /** One token request that got a token (retries inside it are not counted apart). */
    void succeeded() {
        succeeded.increment();
    }

    /** One token request that ended without a token. */
    void failed(TokenFailureReason reason) {
        failed.computeIfAbsent(reason, r -> requests("failure", r.tag())).increment();
    }

    private Counter requests(String outcome, String reason) {
        return Counter.builder(TOKEN_REQUESTS)
                .description("Token requests to the IdP by login handlers (one per shared token renewal), by outcome and failure reason")
                .tags(tags).tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    /** Withdraws this credential from the expiry gauge; the gauge goes when no credential is left. */
    @Override
    public void close() {
        synchronized (EXPIRIES) {
            List<Object> id = List.of(registry, tags);
            Expiries expiries = EXPIRIES.get(id);
            if (expiries != null && expiries.remove(expiresIn)) {
                EXPIRIES.remove(id);
            }
        }
    }

    /** The gauge of one tag set: the soonest expiry of the tokens counted under it. */
    private static final class Expiries {
        private final List<Supplier<Double>> sources = new CopyOnWriteArrayList<>();
        private final MeterRegistry registry;
        private final Gauge gauge;

        Expiries(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.gauge = Gauge.builder(TOKEN_EXPIRES_IN, this, Expiries::soonest)
                    .description("Seconds until the current shared token of this client expires (negative once expired; NaN before the first token)")
                    .tags(tags).register(registry);
        }

        void add(Supplier<Double> source) {
            sources.add(source);
        }

        /** Removes {@code source}; true (and the gauge is gone) when it was the last. */
        boolean remove(Supplier<Double> source) {
            sources.remove(source);
            if (sources.isEmpty()) {
                registry.remove(gauge);
                return true;
            }
            return false;
        }

        double soonest() {
            double soonest = Double.NaN;
            for (Supplier<Double> source : sources) {
                double value = source.get();
                if (!Double.isNaN(value) && (Double.isNaN(soonest) || value < soonest)) {
                    soonest = value;
                }
            }
            return soonest;
        }
    }
}
