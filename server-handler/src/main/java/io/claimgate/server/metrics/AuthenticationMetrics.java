package io.claimgate.server.metrics;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@value #AUTHENTICATIONS} {listener, mechanism, outcome=succeeded|failed, reason}: connections
 * (and re-authentications) that authenticated, on every listener and mechanism, and OAUTHBEARER
 * authentications that claimgate's validator refused. Successes are counted by
 * {@code OAuthPrincipalBuilder}, which Kafka calls once a connection has authenticated, whatever
 * the mechanism (so SCRAM, PLAIN, mTLS and unauthenticated PLAINTEXT connections are counted too);
 * failures by the validator, which alone knows why a token was refused. Every tag value comes from
 * the broker's configuration or a fixed list, never from a client.
 */
public final class AuthenticationMetrics {
    public static final String AUTHENTICATIONS = "claimgate.authentications";
    /** The listener tag when the validator cannot tell which listener it serves. */
    public static final String UNKNOWN_LISTENER = "unknown";

    private record Key(String listener, String mechanism, boolean succeeded, String reason) {
    }

    private static final MeterRegistry REGISTRY = ClaimgateMetrics.registry();
    private static final Map<Key, Counter> COUNTERS = new ConcurrentHashMap<>();

    private AuthenticationMetrics() {
    }

    /** @param mechanism the SASL mechanism, or the security protocol (PLAINTEXT, SSL) of a listener without SASL */
    public static void succeeded(String listener, String mechanism) {
        counter(new Key(listener, mechanism, true, "none")).increment();
    }

    /** @param reason a rejection reason of claimgate's validator (a fixed list) */
    public static void failed(String listener, String mechanism, String reason) {
        counter(new Key(listener, mechanism, false, reason)).increment();
    }

    private static Counter counter(Key key) {
        Counter counter = COUNTERS.get(key);
        return counter != null ? counter : COUNTERS.computeIfAbsent(key, k -> Counter.builder(AUTHENTICATIONS)
                .description("Authentications by listener, mechanism, outcome and failure reason")
                .tags("listener", k.listener(), "mechanism", k.mechanism(),
                        "outcome", k.succeeded() ? "succeeded" : "failed", "reason", k.reason())
                .register(REGISTRY));
    }
}
