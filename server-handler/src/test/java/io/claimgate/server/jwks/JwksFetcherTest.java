package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.ScriptedJwksSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that join a fetch already running get exactly one follow-up fetch: the running fetch's
 * request may have gone out before the IdP rotated the key they are looking for.
 */
class JwksFetcherTest {
    final ScriptedJwksSource source = new ScriptedJwksSource();
    JwksFetcher fetcher;

    @AfterEach
    void close() {
        source.unblock();
        if (fetcher != null) {
            fetcher.close();
        }
    }

    @Test
    void aFloodDuringARunningFetchCausesExactlyOneFollowUpFetch() throws Exception {
        fetcher = fetcher(Duration.ZERO);
        CountDownLatch runningFetch = source.block();
        CompletionStage<JwksSnapshot> running = fetcher.onDemand();
        source.awaitFetchStarted();
        for (int i = 0; i < 1000; i++) {
            assertSame(running, fetcher.onDemand(), "joins the running fetch");
        }
        CountDownLatch followUp = source.block();
        runningFetch.countDown();
        running.toCompletableFuture().get(15, TimeUnit.SECONDS);

        source.awaitFetchStarted();   // the follow-up, with no request since
        followUp.countDown();
        Await.until(() -> !fetcher.fetchRunningOrDue());

        assertEquals(2, source.calls.get(), "the running fetch and one follow-up for the thousand requests");
    }

    @Test
    void theFollowUpWaitsForTheEndOfThePause() throws Exception {
        fetcher = fetcher(Duration.ofHours(1));
        CountDownLatch runningFetch = source.block();
        CompletionStage<JwksSnapshot> running = fetcher.onDemand();
        source.awaitFetchStarted();
        assertSame(running, fetcher.onDemand());
        runningFetch.countDown();
        running.toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertTrue(fetcher.fetchRunningOrDue(), "a follow-up is due, one hour after the running fetch started");
        assertEquals(1, source.calls.get());
    }

    @Test
    void aRequestThatStartsTheFetchItselfGetsNoFollowUp() throws Exception {
        fetcher = fetcher(Duration.ZERO);
        CountDownLatch runningFetch = source.block();
        CompletionStage<JwksSnapshot> started = fetcher.onDemand();
        source.awaitFetchStarted();
        runningFetch.countDown();
        started.toCompletableFuture().get(15, TimeUnit.SECONDS);

        Await.until(() -> !fetcher.fetchRunningOrDue());
        assertEquals(1, source.calls.get());
        assertFalse(fetcher.fetchRunningOrDue());
    }

    @Test
    void aFetchDeferredByTheOnDemandPauseDoesNotPostponeTheScheduledRefresh() throws Exception {
        // One token naming an unknown key defers an on-demand fetch to the end of a long pause. The
        // regular schedule must not wait for it: with the pause longer than the keys' maximum age,
        // one unauthenticated attempt would otherwise leave the broker without usable keys.
        source.keys = List.of(JwksCacheTest.KEY_1);
        fetcher = new JwksFetcher(source, new JwksHolder(Duration.ZERO),
                new RefreshPolicy(Duration.ofMillis(200), Duration.ofHours(1)), JwksCache.Listener.NONE,
                new JwksLog(source));
        fetcher.startSchedule().get(15, TimeUnit.SECONDS);
        CompletionStage<JwksSnapshot> deferred = fetcher.onDemand();   // due one hour after the first fetch

        Await.until(() -> source.calls.get() >= 2);   // the scheduled refresh, 200 ms later
        deferred.toCompletableFuture().get(15, TimeUnit.SECONDS);      // ... served the deferred request too
    }

    private JwksFetcher fetcher(Duration minPause) {
        source.keys = List.of(JwksCacheTest.KEY_1);
        return new JwksFetcher(source, new JwksHolder(Duration.ZERO), new RefreshPolicy(Duration.ofHours(1), minPause),
                JwksCache.Listener.NONE, new JwksLog(source));
    }
}
