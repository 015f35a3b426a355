package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.validate;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.Closer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.JwksServer.Mode;
import io.claimgate.server.testkit.SigningKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IdP down for long: maximum age of cached keys, fail-fast start-up, circuit breaker. */
class IdpOutageTest {
    final SigningKey key = SigningKey.rsa("k1");
    @RegisterExtension
    final Closer closer = new Closer();
    /** Circuit-breaker cool-downs and refresh back-off need a little longer than the default wait. */
    private static final Duration OUTAGE_WAIT = Duration.ofSeconds(20);

    @Test
    void keysOlderThanTheMaximumAgeAreNotTrustedUntilTheIdpIsBack() throws Exception {
        JwksServer jwks = closer.jwks(key);
        Map<String, String> options = with(with(with(options(jwks), "oauth.jwks.refresh.seconds", "1"),
                "oauth.jwks.max.age.seconds", "2"), "oauth.token.cache.max.entries", "0");
        OAuthValidatorCallbackHandler handler = closer.handler(options);
        String token = key.sign(Claims.valid().build());
        accepted(handler, token);

        jwks.mode(Mode.FAIL_503);
        Await.until(() -> validate(handler, token).token() == null, OUTAGE_WAIT);
        String status = rejected(handler, token);
        assertTrue(status.startsWith("invalid_token (KEYS_UNAVAILABLE: the last good JWKS, fetched at "), status);
        assertTrue(status.contains("is older than oauth.jwks.max.age.seconds=2"), status);

        jwks.mode(Mode.SERVE);
        Await.until(() -> validate(handler, token).token() != null, OUTAGE_WAIT);
    }

    @Test
    void failFastRefusesToStartWithoutKeys() throws Exception {
        JwksServer jwks = closer.jwks(key);
        jwks.mode(Mode.FAIL_503);
        Set<Thread> threadsBefore = Await.refreshThreads();

        var e = assertThrows(KafkaException.class, () -> configuredHandler(with(options(jwks), "oauth.fail.fast", "true")));

        assertTrue(e.getMessage().contains("oauth.fail.fast=true and the signing keys of issuer 'default' could not be"
                + " fetched at start-up from " + jwks.jwksUri() + ": IOException: JWKS endpoint " + jwks.jwksUri()
                + " answered HTTP 503"), e.getMessage());
        Await.until(() -> Await.startedSince(threadsBefore).isEmpty(), OUTAGE_WAIT);
    }

    @Test
    void failFastStartsNormallyWhenTheIdpAnswers() throws Exception {
        JwksServer jwks = closer.jwks(key);
        accepted(closer.handler(with(options(jwks), "oauth.fail.fast", "true")), key.sign(Claims.valid().build()));
    }

    @Test
    void anOpenCircuitBreakerStopsCallsToTheJwksEndpointForTheCooldown() throws Exception {
        JwksServer jwks = closer.jwks(key);
        Map<String, String> options = with(with(with(options(jwks), "oauth.jwks.refresh.seconds", "1"),
                "oauth.circuit.breaker.failures", "2"), "oauth.circuit.breaker.cooldown.ms", "8000");
        OAuthValidatorCallbackHandler handler = closer.handler(options);
        jwks.mode(Mode.FAIL_503);
        Await.until(() -> jwks.jwksRequests() >= 3, OUTAGE_WAIT);   // start-up fetch + two failures: open
        int whenOpened = jwks.jwksRequests();

        Thread.sleep(2500);   // refreshes every second, and unknown kids, all fail fast meanwhile (well inside the 8 s)
        for (int i = 0; i < 5; i++) {
            rejected(handler, key.sign(key.header().keyID("new-" + i), Claims.valid().build()));
        }
        assertEquals(whenOpened, jwks.jwksRequests(), "no request while the breaker is open");
        accepted(handler, key.sign(Claims.valid().build()));

        jwks.mode(Mode.SERVE);
        Await.until(() -> jwks.jwksRequests() > whenOpened, OUTAGE_WAIT);   // the probe after the cooldown
    }
}
