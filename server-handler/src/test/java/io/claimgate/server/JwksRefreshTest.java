package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.validate;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Closer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.JwksServer.Mode;
import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the validator keeps the IdP's keys: picks up rotated keys in the background and accepts them
 * on the client's next attempt, refuses to let made-up key ids hammer the IdP, keeps validating
 * with cached keys when the IdP is down, and never lets a validation wait for the IdP.
 */
class JwksRefreshTest {
    /** connect + read timeout of {@link io.claimgate.server.testkit.Validation#options}. */
    static final long TIMEOUTS_MS = 2000;

    final SigningKey current = SigningKey.rsa("2024-key");
    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aKeyRotatedIntoTheJwksIsAcceptedOnTheNextAttemptAfterOneBackgroundRefresh() throws Exception {
        JwksServer jwks = closer.jwks(current);
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));
        SigningKey next = SigningKey.ec("2025-key");
        jwks.publish(current.publicJwk(), next.publicJwk());
        String token = next.sign(Claims.valid().build());

        String first = rejected(handler, token);   // does not wait for the refresh it asks for

        assertTrue(first.startsWith("invalid_token (UNKNOWN_KEY: key '2025-key' is unknown; keys are being refreshed"
                + " in the background"), first);
        Await.until(() -> validate(handler, token).token() != null);   // the client's reconnects
        assertEquals(2, jwks.jwksRequests(), "start-up fetch + one refresh for the new kid");
        accepted(handler, next.sign(Claims.valid().build()));
        assertEquals(2, jwks.jwksRequests(), "the new key is cached from then on");
    }

    @Test
    void aThousandUnknownKidsCostAtMostOneJwksRequestPerPause() throws Exception {
        JwksServer jwks = closer.jwks(current);
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));
        SigningKey stranger = SigningKey.rsa("x");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(stranger.sign(stranger.header().keyID("made-up-" + i), Claims.valid().build()));
        }
        ExecutorService networkThreads = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (String token : tokens) {
                results.add(networkThreads.submit(() -> rejected(handler, token)));
            }
            for (Future<String> result : results) {
                assertTrue(result.get().startsWith("invalid_token (UNKNOWN_KEY: "), result.get());
            }
        } finally {
            networkThreads.shutdown();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // The start-up fetch, then at most one refresh per 1 s pause (one more may be due).
        Await.until(() -> jwks.jwksRequests() >= 2);   // the first unknown kid did ask for a refresh
        assertTrue(jwks.jwksRequests() <= 2 + elapsedMs / 1000, jwks.jwksRequests() + " JWKS requests for 1000"
                + " tokens in " + elapsedMs + " ms");
    }

    @Test
    void aKeyRotatedInDuringAFloodOfUnknownKidsIsPickedUpWithinAPause() throws Exception {
        JwksServer jwks = closer.jwks(current);
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));
        SigningKey stranger = SigningKey.rsa("x");
        for (int i = 0; i < 50; i++) {
            rejected(handler, stranger.sign(stranger.header().keyID("junk-" + i), Claims.valid().build()));
        }
        Await.until(() -> jwks.jwksRequests() >= 2);   // the flood's refresh brought nothing new
        SigningKey next = SigningKey.ec("rotated-in");
        jwks.publish(current.publicJwk(), next.publicJwk());
        String token = next.sign(Claims.valid().build());

        // Refused at first, then accepted once the refresh it asked for (a pause later, not a
        // pause grown by the flood) has published the key; no restart.
        Await.until(() -> validate(handler, token).token() != null);
    }

    @Test
    void whenTheIdpGoesDownCachedKeysKeepValidating() throws Exception {
        JwksServer jwks = closer.jwks(current);
        OAuthValidatorCallbackHandler handler = closer.handler(with(options(jwks), "oauth.jwks.refresh.seconds", "1"));

        jwks.mode(Mode.FAIL_503);
        Await.until(() -> jwks.jwksRequests() >= 3);   // a couple of failed background refreshes

        accepted(handler, current.sign(Claims.valid().build()));
        String status = rejected(handler, SigningKey.rsa("new").sign(Claims.valid().build()));
        assertTrue(status.startsWith("invalid_token (UNKNOWN_KEY: "), status);
        accepted(handler, current.sign(Claims.valid().build()));
    }

    @Test
    void aHangingIdpDelaysNoValidation() throws Exception {
        for (Mode hang : List.of(Mode.HANG_BEFORE_HEADERS, Mode.HANG_IN_BODY)) {
            JwksServer jwks = closer.jwks(current);
            OAuthValidatorCallbackHandler handler = closer.handler(with(options(jwks),
                    "oauth.jwks.refresh.min.pause.seconds", "0"));
            jwks.mode(hang);

            String status = rejected(handler, SigningKey.rsa("rotated").sign(Claims.valid().build()));
            Await.until(() -> jwks.jwksRequests() == 2);   // the refresh it asked for: now hanging at the IdP

            assertTrue(status.startsWith("invalid_token (UNKNOWN_KEY: "), status);
            // While that fetch hangs, more unknown kids are refused (a wait would hang here for the
            // timeouts) without a second request, and known keys validate from the cache.
            rejected(handler, SigningKey.rsa("rotated-2").sign(Claims.valid().build()));
            accepted(handler, current.sign(Claims.valid().build()));
            assertEquals(2, jwks.jwksRequests(), hang + ": single-flight");
        }
    }

    @Test
    void startUpSurvivesAnUnreachableIdpAndRecoversInTheBackground() throws Exception {
        JwksServer jwks = closer.jwks(current);
        jwks.mode(Mode.FAIL_503);

        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));   // logs an ERROR, does not throw

        String status = rejected(handler, current.sign(Claims.valid().build()));
        assertTrue(status.startsWith("invalid_token (KEYS_UNAVAILABLE: "), status);
        jwks.mode(Mode.SERVE);
        Await.until(() -> validate(handler, current.sign(Claims.valid().build())).token() != null);
    }

    @Test
    void startUpWithAHangingIdpIsBoundedByTheTimeouts() throws Exception {
        JwksServer jwks = closer.jwks(current);
        jwks.mode(Mode.HANG_BEFORE_HEADERS);

        long start = System.nanoTime();
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs < 5 * TIMEOUTS_MS, "configure() took " + elapsedMs + " ms");
        assertTrue(rejected(handler, current.sign(Claims.valid().build())).startsWith("invalid_token (KEYS_UNAVAILABLE: "));
    }

    @Test
    void closeStopsTheRefreshThread() throws Exception {
        JwksServer jwks = closer.jwks(current);
        Set<Thread> before = Await.refreshThreads();
        OAuthValidatorCallbackHandler handler = configuredHandler(options(jwks));
        assertEquals(1, Await.startedSince(before).size());

        handler.close();

        Await.untilAllStartedSinceEnded(before);
    }

    @Test
    void privateKeysInTheJwksAreNeverUsedAsIs() throws Exception {
        // An IdP that (wrongly) publishes the private half: only the public half is kept.
        JwksServer jwks = closer.jwks();
        jwks.publishRaw("{\"keys\":[" + current.jwk().toJSONString() + "]}");
        OAuthValidatorCallbackHandler handler = closer.handler(options(jwks));
        accepted(handler, current.sign(Claims.valid().build()));
    }
}
