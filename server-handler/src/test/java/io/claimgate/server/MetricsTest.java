package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.metrics.ValidatorMetrics;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.IntrospectionServer;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator's meters, read back from the JVM-wide registry; issuer names unique to this test. */
class MetricsTest {
    static final MeterRegistry REGISTRY = ClaimgateMetrics.registry();
    static final SigningKey KEY = SigningKey.rsa("metrics-key");
    static JwksServer jwks;
    static IntrospectionServer introspection;
    static OAuthValidatorCallbackHandler handler;

    @BeforeAll
    static void start() throws Exception {
        jwks = JwksServer.publishing(KEY.publicJwk());
        introspection = new IntrospectionServer("broker", "secret");
        Map<String, String> options = new HashMap<>();
        options.put("oauth.issuers", "mjwt,mopaque");
        options.put("oauth.issuer.mjwt.jwks.endpoint.uri", jwks.jwksUri().toString());
        options.put("oauth.issuer.mjwt.valid.issuer.uri", Claims.ISSUER);
        options.put("oauth.issuer.mopaque.introspection.endpoint.uri", introspection.uri().toString());
        options.put("oauth.issuer.mopaque.valid.issuer.uri", "https://opaque.example");
        options.put("oauth.issuer.mopaque.client.id", "broker");
        options.put("oauth.issuer.mopaque.client.secret", "secret");
        options.put("oauth.issuers.shared.namespace", "true");
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.connect.timeout.ms", "1500");
        options.put("oauth.read.timeout.ms", "500");
        handler = configuredHandler(options);
    }

    @AfterAll
    static void stop() {
        handler.close();
        jwks.close();
        introspection.close();
    }

    static double count(String name, String... tags) {
        FunctionCounter counter = REGISTRY.find(name).tags(tags).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    static double gauge(String name, String... tags) {
        Gauge gauge = REGISTRY.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void validatorsOfSeveralListenersCountIntoOneMeter() {
        // Kafka creates a validator per listener, all over the one JVM-wide registry.
        MeterRegistry registry = new SimpleMeterRegistry();
        ValidatorMetrics first = new ValidatorMetrics(registry);
        ValidatorMetrics second = new ValidatorMetrics(registry);

        first.accepted("shared").increment();
        second.accepted("shared").increment();
        second.rejected("EXPIRED", "shared");
        first.tokenCache().miss();
        second.tokenCache().miss();

        assertEquals(2, registry.get(ValidatorMetrics.VALIDATIONS).tags("outcome", "accepted", "issuer", "shared")
                .functionCounter().count());
        assertEquals(1, registry.get(ValidatorMetrics.VALIDATIONS).tags("reason", "EXPIRED").functionCounter().count());
        assertEquals(2, registry.get(ValidatorMetrics.TOKEN_CACHE_MISSES).functionCounter().count());
    }

    @Test
    void validationsByOutcomeReasonAndIssuer() {
        double accepted = count(ValidatorMetrics.VALIDATIONS, "outcome", "accepted", "reason", "none", "issuer", "mjwt");
        double expired = count(ValidatorMetrics.VALIDATIONS, "outcome", "rejected", "reason", "EXPIRED", "issuer", "mjwt");
        double unknown = count(ValidatorMetrics.VALIDATIONS, "outcome", "rejected", "reason", "WRONG_ISSUER",
                "issuer", "unknown");
        long timed = REGISTRY.find(ValidatorMetrics.VALIDATION_LATENCY).tags("outcome", "accepted").timer().count();
        double hits = count(ValidatorMetrics.TOKEN_CACHE_HITS);
        double misses = count(ValidatorMetrics.TOKEN_CACHE_MISSES);
        String token = KEY.sign(Claims.valid().build());

        accepted(handler, token);
        accepted(handler, token);
        rejected(handler, KEY.sign(Claims.valid().issueTime(Claims.in(Duration.ofMinutes(-20))).notBeforeTime(null)
                .expirationTime(Claims.in(Duration.ofMinutes(-10))).build()));
        rejected(handler, KEY.sign(Claims.valid().issuer("https://not-configured.example").build()));

        assertEquals(accepted + 2, count(ValidatorMetrics.VALIDATIONS, "outcome", "accepted", "reason", "none",
                "issuer", "mjwt"));
        assertEquals(expired + 1, count(ValidatorMetrics.VALIDATIONS, "outcome", "rejected", "reason", "EXPIRED",
                "issuer", "mjwt"));
        assertEquals(unknown + 1, count(ValidatorMetrics.VALIDATIONS, "outcome", "rejected", "reason", "WRONG_ISSUER",
                "issuer", "unknown"));
        // Timed under the token cache: the second, cached validation of the token is counted, not timed.
        assertEquals(timed + 1, REGISTRY.find(ValidatorMetrics.VALIDATION_LATENCY).tags("outcome", "accepted")
                .timer().count());
        assertEquals(hits + 1, count(ValidatorMetrics.TOKEN_CACHE_HITS));
        assertEquals(misses + 3, count(ValidatorMetrics.TOKEN_CACHE_MISSES));
        assertTrue(gauge(ValidatorMetrics.TOKEN_CACHE_SIZE) >= 1);
    }

    @Test
    void jwksAndCircuitBreakerState() {
        assertTrue(count(ValidatorMetrics.JWKS_FETCHES, "issuer", "mjwt", "outcome", "success") >= 1);
        assertEquals(1.0, gauge(ValidatorMetrics.JWKS_KEYS, "issuer", "mjwt"));
        double age = gauge(ValidatorMetrics.JWKS_AGE, "issuer", "mjwt");
        assertTrue(age >= 0 && age < 60, "age " + age);
        assertEquals(0.0, gauge(ValidatorMetrics.CIRCUIT_STATE, "issuer", "mjwt", "endpoint", "jwks"));
        assertEquals(0.0, gauge(ValidatorMetrics.CIRCUIT_STATE, "issuer", "mopaque", "endpoint", "introspection"));
    }

    @Test
    void introspectionCallsAndLatency() {
        long now = Instant.now().getEpochSecond();
        introspection.answer("opaque-metrics-1", "{\"active\":true,\"sub\":\"x\",\"aud\":\"" + Claims.AUDIENCE
                + "\",\"exp\":" + (now + 60) + "}");
        Timer before = REGISTRY.find(ValidatorMetrics.INTROSPECTIONS).tags("issuer", "mopaque", "outcome", "active")
                .timer();
        long active = before == null ? 0 : before.count();

        accepted(handler, "opaque-metrics-1");
        rejected(handler, "opaque-metrics-2");

        assertEquals(active + 1, REGISTRY.find(ValidatorMetrics.INTROSPECTIONS)
                .tags("issuer", "mopaque", "outcome", "active").timer().count());
        assertTrue(REGISTRY.find(ValidatorMetrics.INTROSPECTIONS).tags("issuer", "mopaque", "outcome", "inactive")
                .timer().count() >= 1);
        assertTrue(count(ValidatorMetrics.VALIDATIONS, "outcome", "rejected", "reason", "INACTIVE",
                "issuer", "mopaque") >= 1);
    }
}
