package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import io.claimgate.server.testkit.ScriptedJwksSource;
import io.claimgate.server.testkit.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's concurrency rules, with a scripted key source instead of HTTP. The rule that matters
 * most: a refresh request never blocks its caller, whatever the source does.
 */
class JwksCacheTest {
    static final JWK KEY_1 = SigningKey.rsa("k1").publicJwk();
    static final JWK KEY_2 = SigningKey.ec("k2").publicJwk();

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
    void aRefreshRequestReturnsWhileTheFetchIsStillBlocked() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        source.block();

        CompletableFuture<JwksSnapshot> fetch = cache.refreshInBackground().toCompletableFuture();

        source.awaitFetchStarted();   // the fetch runs, blocked inside the source ...
        assertFalse(fetch.isDone(), "... and the request has already returned");
        assertFalse(cache.current().loaded());
        source.unblock();
        assertEquals(List.of(KEY_1), fetch.get(15, TimeUnit.SECONDS).keys());
        assertEquals(List.of(KEY_1), cache.current().keys(), "published for the next validation");
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        source.block();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        CountDownLatch allAsked = new CountDownLatch(20);
        List<Future<CompletableFuture<JwksSnapshot>>> requests = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                requests.add(callers.submit(() -> {
                    CompletableFuture<JwksSnapshot> joined = cache.refreshInBackground().toCompletableFuture();
                    allAsked.countDown();
                    return joined;
                }));
            }
            assertTrue(allAsked.await(15, TimeUnit.SECONDS), "every caller returned while the fetch is blocked");
            source.awaitFetchStarted();
            assertEquals(1, source.calls.get(), "one fetch for all twenty");
            source.unblock();
            for (Future<CompletableFuture<JwksSnapshot>> request : requests) {
                assertEquals(List.of(KEY_1), request.get().get(15, TimeUnit.SECONDS).keys());
            }
        } finally {
            callers.shutdown();
        }
        // Callers that joined the fetch once it ran get one follow-up fetch (JwksFetcherTest).
    }

    @Test
    void requestsInsideThePauseJoinOneDeferredFetchInsteadOfFetching() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        CompletionStage<JwksSnapshot> due = cache.refreshInBackground();
        for (int i = 0; i < 1000; i++) {
            // The same stage every time: nothing is allocated, or left hanging on the due fetch, per request.
            assertSame(due, cache.refreshInBackground());
        }
        CompletableFuture<JwksSnapshot> deferred = due.toCompletableFuture();

        assertFalse(deferred.isDone(), "due at the end of the one-hour pause");
        assertEquals(1, source.calls.get(), "a thousand requests inside the pause: no fetch");
    }

    @Test
    void insideAShortPauseTheRefreshIsDeferredToItsEndNotDropped() throws Exception {
        // The IdP rotated its key just after our last fetch: the refresh still comes, a pause later.
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofMillis(300), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        source.keys = List.of(KEY_1, KEY_2);
        JwksSnapshot refreshed = cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertEquals(List.of(KEY_1, KEY_2), refreshed.keys());
        assertEquals(2, source.calls.get());
    }

    @Test
    void aPauseIsNotLengthenedByRefreshesThatBringNothingNew() throws Exception {
        // Nobody waits any more, so a growing pause would only delay a genuinely rotated-in key.
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        for (int i = 0; i < 5; i++) {
            cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);
        }
        source.keys = List.of(KEY_1, KEY_2);

        JwksSnapshot refreshed = cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertEquals(List.of(KEY_1, KEY_2), refreshed.keys());
        assertEquals(6, source.calls.get());
    }

    @Test
    void closingFailsADeferredFetchSoNothingWaitsForIt() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);
        CompletableFuture<JwksSnapshot> deferred = cache.refreshInBackground().toCompletableFuture();

        cache.close();

        assertThrows(ExecutionException.class, () -> deferred.get(15, TimeUnit.SECONDS));
        assertTrue(cache.refreshInBackground().toCompletableFuture().isCompletedExceptionally(), "after close");
        assertEquals(1, source.calls.get());
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodKeys() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);
        JwksSnapshot good = cache.current();

        source.failing = true;
        CompletableFuture<JwksSnapshot> failed = cache.refreshInBackground().toCompletableFuture();

        assertThrows(ExecutionException.class, () -> failed.get(15, TimeUnit.SECONDS));
        assertSame(good, cache.current());
        assertEquals("IOException: IdP unavailable", cache.lastFailure().orElseThrow());
    }

    @Test
    void aFetchThatFailsWithAnErrorDoesNotStopLaterFetches() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.error = new NoClassDefFoundError("a class missing from the broker's classpath");
        CompletableFuture<JwksSnapshot> failed = cache.refreshInBackground().toCompletableFuture();
        assertThrows(ExecutionException.class, () -> failed.get(15, TimeUnit.SECONDS));

        source.error = null;
        source.keys = List.of(KEY_1);
        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertEquals(List.of(KEY_1), cache.current().keys());
        assertEquals(2, source.calls.get());
    }

    @Test
    void startUpWaitsForTheFirstFetchBoundedAndFetchesOnInTheBackground() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(200));
        source.keys = List.of(KEY_1);
        source.block();

        cache.start();   // configure() time, not a network thread: may wait, at most 200 ms here

        assertFalse(cache.current().loaded());
        source.unblock();
        waitUntil(() -> cache.current().loaded());
        assertEquals(1, source.calls.get(), "the first fetch went on; no second one was started");
    }

    @Test
    void startUpDoesNotFailWhenTheSourceFailsAndRetriesInTheBackground() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        source.failing = true;

        cache.start();
        assertFalse(cache.current().loaded());
        source.failing = false;

        waitUntil(() -> cache.current().loaded());   // first retry after 1 s
        assertEquals(List.of(KEY_1), cache.current().keys());
    }

    @Test
    void theBackgroundScheduleFetchesChangedKeys() throws Exception {
        cache = new JwksCache(source, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.start();
        assertEquals(List.of(KEY_1), cache.current().keys());

        source.keys = List.of(KEY_1, KEY_2);

        waitUntil(() -> cache.current().keys().size() == 2);
    }

    @Test
    void onlyPublicKeysAreKept() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        JWK privateKey = SigningKey.rsa("leaked").jwk();
        source.keys = List.of(privateKey);

        cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);

        assertFalse(cache.current().keys().get(0).isPrivate());
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 15 s");
            Thread.sleep(20);
        }
    }
}
