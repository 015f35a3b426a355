package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.ScriptedJwksSource;
import io.claimgate.server.testkit.SigningKey;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token naming a key we do not have is refused at once and only asks for a background refresh:
 * proved with a key source that blocks on a latch, so any wait for the fetch would hang the test.
 */
class JwksKeySelectorTest {
    static final SigningKey CURRENT = SigningKey.rsa("current");
    static final SigningKey ROTATED_IN = SigningKey.ec("rotated-in");

    final ScriptedJwksSource source = new ScriptedJwksSource();
    JwksCache cache;

    @AfterEach
    void close() {
        source.unblock();
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void anUnknownKidIsRefusedWhileItsRefreshIsStillBlocked() throws Exception {
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ZERO);
        source.block();

        TokenValidationException refused = assertThrows(TokenValidationException.class,
                () -> selector.select("made-up", JWSAlgorithm.RS256));

        assertEquals(Reason.UNKNOWN_KEY, refused.reason());
        assertEquals("key 'made-up' is unknown; keys are being refreshed in the background", refused.detail());
        source.awaitFetchStarted();   // the refresh it asked for runs, blocked, after the refusal
        assertEquals(2, source.calls.get());
        assertEquals(1, selector.select("current", JWSAlgorithm.RS256).size(), "known keys still validate");
    }

    @Test
    void withNoKeysYetTokensAreRefusedAtOnceAndAFetchStarts() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        JwksKeySelector selector = new JwksKeySelector(cache);
        source.keys = List.of(CURRENT.publicJwk());
        source.block();

        TokenValidationException refused = assertThrows(TokenValidationException.class,
                () -> selector.select("current", JWSAlgorithm.RS256));

        assertEquals(Reason.KEYS_UNAVAILABLE, refused.reason());
        assertTrue(refused.detail().endsWith("keys are being refreshed in the background"), refused.detail());
        source.awaitFetchStarted();
        source.unblock();
        Await.until(() -> cache.current().loaded());
        assertEquals(1, selector.select("current", JWSAlgorithm.RS256).size());
    }

    @Test
    void manyConcurrentUnknownKidsCauseOneFetch() throws Exception {
        // No rate limit at all: what holds the fetches to one is that they are single-flight.
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ZERO);
        source.block();
        ExecutorService networkThreads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reason>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String kid = "forged-" + i;
                results.add(networkThreads.submit(() -> assertThrows(TokenValidationException.class,
                        () -> selector.select(kid, JWSAlgorithm.RS256)).reason()));
            }
            for (Future<Reason> result : results) {
                assertEquals(Reason.UNKNOWN_KEY, result.get(15, TimeUnit.SECONDS), "refused while the fetch is blocked");
            }
        } finally {
            networkThreads.shutdown();
        }
        source.awaitFetchStarted();   // the refresh runs in the background: refusals can all come before it starts
        assertEquals(2, source.calls.get(), "the start-up fetch and one refresh");
    }

    @Test
    void unknownKidsInsideThePauseStartNoFetch() throws Exception {
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ofHours(1));

        for (int i = 0; i < 1000; i++) {
            String kid = "forged-" + i;
            assertEquals(Reason.UNKNOWN_KEY, assertThrows(TokenValidationException.class,
                    () -> selector.select(kid, JWSAlgorithm.RS256)).reason());
        }

        assertEquals(1, source.calls.get(), "one refresh is due at the end of the pause; none has run");
    }

    @Test
    void aRotatedInKeyIsAcceptedOnceTheBackgroundRefreshHasPublishedIt() throws Exception {
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ZERO);
        source.keys = List.of(CURRENT.publicJwk(), ROTATED_IN.publicJwk());   // the IdP rotates
        source.block();

        TokenValidationException first = assertThrows(TokenValidationException.class,
                () -> selector.select("rotated-in", JWSAlgorithm.ES256));
        assertEquals(Reason.UNKNOWN_KEY, first.reason(), "the first attempt does not wait for the refresh");
        source.unblock();
        Await.until(() -> cache.current().keys().size() == 2);

        List<VerificationKey> found = selector.select("rotated-in", JWSAlgorithm.ES256);   // the reconnect
        assertEquals(1, found.size());
        assertEquals("rotated-in", found.get(0).jwk().getKeyID());
        assertEquals(2, source.calls.get());
    }

    @Test
    void aKeyRotatedInWhileAFetchRunsIsPickedUpByAFollowUpFetchWithoutAnotherAttempt() throws Exception {
        // A fetch is running (asked for by a forged kid), its request out before the IdP rotates.
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ZERO);
        CountDownLatch runningFetch = source.block();
        assertThrows(TokenValidationException.class, () -> selector.select("forged", JWSAlgorithm.RS256));
        source.awaitFetchStarted();

        TokenValidationException first = assertThrows(TokenValidationException.class,
                () -> selector.select("rotated-in", JWSAlgorithm.ES256));
        assertEquals(Reason.UNKNOWN_KEY, first.reason(), "joins the running fetch, which cannot have the key");
        CountDownLatch followUp = source.block();
        runningFetch.countDown();   // the running fetch ends with the old keys only

        source.awaitFetchStarted();   // a follow-up fetch, though no token asked again
        source.keys = List.of(CURRENT.publicJwk(), ROTATED_IN.publicJwk());
        followUp.countDown();
        Await.until(() -> cache.current().keys().size() == 2);

        assertEquals(1, selector.select("rotated-in", JWSAlgorithm.ES256).size(), "the client's next attempt");
        assertEquals(3, source.calls.get(), "start-up, the running fetch, one follow-up");
    }

    @Test
    void aKeyOfTheWrongTypeIsABadSignatureAndNoReasonToRefresh() throws Exception {
        JwksKeySelector selector = selectorWithCurrentKey(Duration.ZERO);

        TokenValidationException refused = assertThrows(TokenValidationException.class,
                () -> selector.select("current", JWSAlgorithm.ES256));

        assertEquals(Reason.BAD_SIGNATURE, refused.reason());
        assertEquals(1, source.calls.get());
    }

    private JwksKeySelector selectorWithCurrentKey(Duration minPause) throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), minPause, Duration.ofSeconds(10));
        source.keys = List.of(CURRENT.publicJwk());
        cache.start();
        source.awaitFetchStarted();
        assertTrue(cache.current().loaded());
        return new JwksKeySelector(cache);
    }
}
