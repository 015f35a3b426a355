package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.server.testkit.SigningKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache's concurrency rules, with a scripted key source instead of HTTP. */
class JwksCacheTest {
    static final JWK KEY_1 = SigningKey.rsa("k1").publicJwk();
    static final JWK KEY_2 = SigningKey.ec("k2").publicJwk();

    final ScriptedSource source = new ScriptedSource();
    JwksCache cache;

    @AfterEach
    void close() {
        source.unblock();
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        source.block();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<JwksCache.RefreshOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                outcomes.add(callers.submit(() -> cache.refreshForUnknownKey()));
            }
            waitUntil(() -> source.calls.get() == 1);
            Thread.sleep(100);   // give the other callers time to (wrongly) start fetches of their own
            source.unblock();
            for (Future<JwksCache.RefreshOutcome> outcome : outcomes) {
                assertEquals(List.of(KEY_1), outcome.get().snapshot().keys());
            }
        } finally {
            callers.shutdown();
        }
        assertEquals(1, source.calls.get());
    }

    @Test
    void refreshesForUnknownKeysAreRateLimited() {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);

        assertTrue(cache.refreshForUnknownKey().refreshed());
        JwksCache.RefreshOutcome second = cache.refreshForUnknownKey();

        assertFalse(second.refreshed());
        assertTrue(second.note().startsWith("JWKS refetch deferred by the rate limit, due in "), second.note());
        assertEquals(1, source.calls.get());
    }

    @Test
    void aCallerThatLookedBeforeNewKeysWerePublishedGetsThemWithoutAFetch() {
        // A network thread read the keys, then a fetch published new ones before the thread asked
        // for a refresh: it gets the new keys at once, no fetch starts and the rate-limit pause
        // (which would otherwise defer the fetch, then grow after a fetch that brings nothing new)
        // is not touched.
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        JwksSnapshot seenBefore = cache.current();
        source.keys = List.of(KEY_1);
        assertTrue(cache.refreshForUnknownKey().refreshed());

        JwksCache.RefreshOutcome late = cache.refreshForUnknownKey(seenBefore);

        assertTrue(late.refreshed(), late.note());
        assertTrue(late.newerKeysOnly(), "no fetch of its own: the selector asks again if the key is not among them");
        assertEquals(List.of(KEY_1), late.snapshot().keys());
        assertEquals(1, source.calls.get());
        JwksCache.RefreshOutcome upToDate = cache.refreshForUnknownKey(cache.current());
        assertTrue(upToDate.note().startsWith("JWKS refetch deferred by the rate limit"), upToDate.note());
    }

    @Test
    void afterCloseACallerIsToldAtOnceInsteadOfWaitingForADroppedFetch() {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        assertTrue(cache.refreshForUnknownKey().refreshed());
        cache.refreshForUnknownKey();   // deferred by the pause: in flight, scheduled 30 s from now
        cache.close();

        JwksCache.RefreshOutcome afterClose = cache.refreshForUnknownKey();

        assertFalse(afterClose.refreshed());
        assertEquals("validator is closed", afterClose.note());
    }

    @Test
    void insideAShortPauseTheRefreshIsDeferredToItsEndAndWaitedFor() {
        // The IdP rotated its key just after our last fetch: the token is accepted, not refused.
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ofMillis(300), Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        assertTrue(cache.refreshForUnknownKey().refreshed());

        source.keys = List.of(KEY_1, KEY_2);
        JwksCache.RefreshOutcome second = cache.refreshForUnknownKey();

        assertTrue(second.refreshed(), second.note());
        assertEquals(List.of(KEY_1, KEY_2), second.snapshot().keys());
        assertEquals(2, source.calls.get());
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodKeys() {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.keys = List.of(KEY_1);
        cache.refreshForUnknownKey();

        source.failing = true;
        JwksCache.RefreshOutcome outcome = cache.refreshForUnknownKey();

        assertEquals("JWKS fetch failed, see broker log", outcome.note());
        assertEquals(List.of(KEY_1), cache.current().keys());
    }

    @Test
    void aFetchThatFailsWithAnErrorDoesNotStopLaterFetches() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.error = new NoClassDefFoundError("a class missing from the broker's classpath");

        JwksCache.RefreshOutcome failed = cache.refreshForUnknownKey();

        assertFalse(failed.refreshed());
        assertEquals("JWKS fetch failed, see broker log", failed.note());
        source.error = null;
        source.keys = List.of(KEY_1);
        cache.refreshForUnknownKey();   // after a failure: refetched in the background, not waited for

        waitUntil(() -> cache.current().loaded());
        assertEquals(List.of(KEY_1), cache.current().keys());
        assertEquals(2, source.calls.get());
    }

    @Test
    void callersWaitAtMostMaxWaitAndNotAgainForAStalledFetch() {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(300));
        source.block();

        JwksCache.RefreshOutcome first = cache.refreshForUnknownKey();
        JwksCache.RefreshOutcome second = cache.refreshForUnknownKey();

        // The notes name the path taken: the first caller waited out maxWait, the second did not wait.
        assertEquals("JWKS fetch did not finish within 300 ms", first.note());
        assertEquals("a JWKS fetch is stalled past its timeout, see broker log", second.note());
        assertEquals(1, source.calls.get(), "the stalled fetch is not duplicated");
    }

    @Test
    void whileTheIdpIsFailingCallersDoNotWaitButAFetchStillStarts() throws Exception {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        source.failing = true;
        cache.refreshForUnknownKey();
        source.failing = false;
        source.keys = List.of(KEY_1);
        source.block();

        JwksCache.RefreshOutcome outcome = cache.refreshForUnknownKey();   // the fetch is blocked: a wait would hang here

        assertFalse(outcome.refreshed());
        assertTrue(outcome.note().startsWith("the IdP failed the last JWKS fetch; refetching in the background without"
                + " waiting"), outcome.note());
        source.unblock();
        waitUntil(() -> cache.current().loaded());   // the background fetch went through
        assertEquals(2, source.calls.get());
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
    void onlyPublicKeysAreKept() {
        cache = new JwksCache(source, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));
        JWK privateKey = SigningKey.rsa("leaked").jwk();
        source.keys = List.of(privateKey);

        cache.refreshForUnknownKey();

        assertFalse(cache.current().keys().get(0).isPrivate());
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 15 s");
            Thread.sleep(20);
        }
    }

    /** Returns {@link #keys}, or fails, or blocks until unblocked; counts calls. */
    static final class ScriptedSource implements JwksSource {
        final AtomicInteger calls = new AtomicInteger();
        volatile List<JWK> keys = List.of();
        volatile boolean failing;
        volatile Error error;
        volatile Thread lastThread;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void block() {
            gate = new CountDownLatch(1);
        }

        void unblock() {
            gate.countDown();
        }

        @Override
        public JWKSet fetch() throws IOException {
            calls.incrementAndGet();
            lastThread = Thread.currentThread();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            if (failing) {
                throw new IOException("IdP unavailable");
            }
            if (error != null) {
                throw error;
            }
            return new JWKSet(keys);
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }
}
