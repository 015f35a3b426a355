package io.claimgate.server.metrics;

import io.claimgate.common.metrics.AdderCounters;
import io.claimgate.server.kafka.NetworkThreadListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@value #AUTHENTICATIONS} {listener, mechanism, outcome=succeeded|failed, reason}: connections
 * (and re-authentications) that authenticated, on every listener and mechanism, and OAUTHBEARER
 * authentications that claimgate's validator refused. Successes are counted by
 * {@code OAuthPrincipalBuilder} once per authentication (Kafka asks it for the principal on every
 * request; it counts a SASL session and a connection without SASL once), whatever the mechanism (so SCRAM, PLAIN, mTLS and unauthenticated PLAINTEXT connections are counted too);
 * failures by the validator, which alone knows why a token was refused. Every tag value comes from
 * the broker's configuration or a fixed list, never from a client.
 */
public final class AuthenticationMetrics {
    public static final String AUTHENTICATIONS = "claimgate.authentications";
    /** The listener tag when the validator cannot tell which listener it serves. */
    public static final String UNKNOWN_LISTENER = NetworkThreadListener.UNKNOWN;

    private record Key(String listener, String mechanism, boolean succeeded, String reason) {
    }

    private final MeterRegistry registry;
    private final Map<Key, LongAdder> counters = new ConcurrentHashMap<>();

    /** @param registry where the counters go: the plugin's, obtained in its {@code configure()} */
    public AuthenticationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts nothing: what a plugin holds before Kafka configured it. */
    public static AuthenticationMetrics none() {
        return new AuthenticationMetrics(new CompositeMeterRegistry());
    }

    /** @param mechanism the SASL mechanism, or the security protocol (PLAINTEXT, SSL) of a listener without SASL */
    public void succeeded(String listener, String mechanism) {
        counter(new Key(listener, mechanism, true, "none")).increment();
    }

    /** @param reason a rejection reason of claimgate's validator (a fixed list) */
    public void failed(String listener, String mechanism, String reason) {
        counter(new Key(listener, mechanism, false, reason)).increment();
    }

    private LongAdder counter(Key key) {
        LongAdder counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> AdderCounters.counter(registry,
                AUTHENTICATIONS, "Authentications by listener, mechanism, outcome and failure reason",
                Tags.of("listener", k.listener(), "mechanism", k.mechanism(),
                        "outcome", k.succeeded() ? "succeeded" : "failed", "reason", k.reason())));
    }
}
