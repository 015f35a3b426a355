package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.jaasEntry;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Closer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.SigningKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka creates several handlers (per listener, and anew on reconfiguration): those with the same
 * JWKS settings share one cache, one refresh thread and one fetch schedule in the JVM.
 */
class SharedJwksCacheTest {
    final SigningKey key = SigningKey.rsa("shared-key");
    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void handlersWithTheSameSettingsShareOneFetchScheduleUntilTheLastCloses() throws Exception {
        JwksServer jwks = closer.jwks(key);
        Set<Thread> before = Await.refreshThreads();

        OAuthValidatorCallbackHandler first = configuredHandler(options(jwks));
        OAuthValidatorCallbackHandler second = configuredHandler(options(jwks));

        assertEquals(1, jwks.jwksRequests(), "one start-up fetch for both handlers");
        Set<Thread> started = Await.startedSince(before);
        assertEquals(1, started.size(), "one refresh thread for both: " + started);
        accepted(first, key.sign(Claims.valid().build()));
        first.close();
        first.close();
        accepted(second, key.sign(Claims.valid().build()));
        assertTrue(started.iterator().next().isAlive(), "the second handler still uses the thread");
        second.close();
        Await.untilAllStartedSinceEnded(before);
    }

    @Test
    void handlersWithDifferentSettingsGetTheirOwnCaches() throws Exception {
        JwksServer jwks = closer.jwks(key);

        closer.handler(options(jwks));
        closer.handler(with(options(jwks), "oauth.jwks.refresh.seconds", "60"));
        closer.handler(with(options(jwks), "oauth.read.timeout.ms", "600"));

        assertEquals(3, jwks.jwksRequests());
    }

    @Test
    void reconfiguringAHandlerKeepsItsCache() throws Exception {
        JwksServer jwks = closer.jwks(key);
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));

        handler.configure(Map.of(), OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of(jaasEntry(options(jwks))));

        assertEquals(1, jwks.jwksRequests(), "the new validator joined the cache before the old one let go");
        accepted(handler, key.sign(Claims.valid().build()));
    }

    @Test
    void aConfigureThatFailsHalfwayHoldsNoCache() throws Exception {
        JwksServer good = closer.jwks(key);
        JwksServer down = closer.jwks(key);
        down.mode(JwksServer.Mode.FAIL_503);
        Set<Thread> before = Await.refreshThreads();
        Map<String, String> options = new HashMap<>(options(good));
        options.remove("oauth.jwks.endpoint.uri");
        options.remove("oauth.valid.issuer.uri");
        options.put("oauth.issuers", "good,down");
        options.put("oauth.issuer.good.jwks.endpoint.uri", good.jwksUri().toString());
        options.put("oauth.issuer.good.valid.issuer.uri", Claims.ISSUER);
        options.put("oauth.issuer.down.jwks.endpoint.uri", down.jwksUri().toString());
        options.put("oauth.issuer.down.valid.issuer.uri", "https://down.example");
        options.put("oauth.fail.fast", "true");
        options.put("oauth.issuers.shared.namespace", "true");

        KafkaException e = assertThrows(KafkaException.class, () -> configuredHandler(options));
        assertTrue(e.getMessage().contains("oauth.fail.fast=true and the signing keys of issuer"), e.getMessage());

        Await.untilAllStartedSinceEnded(before);
        closer.handler(options(good));   // same JWKS settings as issuer 'good': not joined to a leaked cache
        assertEquals(2, good.jwksRequests());
    }
}
