package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.http.HttpSettings;
import io.claimgate.server.idp.BreakerSettings;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.testkit.ScriptedJwksSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Validators with the same JWKS settings share one cache and its refresh thread; the last user stops it. */
class JwksCacheRegistryTest {
    final JwksCacheRegistry registry = new JwksCacheRegistry();
    final ScriptedJwksSource source = new ScriptedJwksSource();
    final AtomicInteger created = new AtomicInteger();
    final List<AutoCloseable> leases = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        source.unblock();
        for (AutoCloseable lease : leases) {
            lease.close();
        }
    }

    @Test
    void validatorsWithTheSameSettingsShareOneStartedCache() {
        source.keys = List.of(JwksCacheTest.KEY_1);

        JwksCacheRegistry.Lease first = acquire(key("https://idp/jwks", 300), "default");
        JwksCacheRegistry.Lease second = acquire(key("https://idp/jwks", 300), "default");

        assertSame(first.cache(), second.cache());
        assertSame(first.breaker(), second.breaker());
        assertEquals(1, created.get());
        assertEquals(1, source.calls.get(), "one start-up fetch for both");
        assertEquals(List.of(JwksCacheTest.KEY_1), second.cache().current().keys());
        assertEquals(1, registry.size());
    }

    @Test
    void anyDifferenceInTheSettingsGetsItsOwnCache() {
        JwksCacheRegistry.Lease base = acquire(key("https://idp/jwks", 300), "default");
        JwksCacheRegistry.Lease otherUrl = acquire(key("https://other/jwks", 300), "default");
        JwksCacheRegistry.Lease otherRefresh = acquire(key("https://idp/jwks", 60), "default");

        assertNotSame(base.cache(), otherUrl.cache());
        assertNotSame(base.cache(), otherRefresh.cache());
        assertEquals(3, created.get());
        assertEquals(3, registry.size());
    }

    @Test
    void theLastCloseStopsTheRefreshThreadAndClosingTwiceIsHarmless() throws Exception {
        JwksCacheRegistry.Lease first = acquire(key("https://idp/jwks", 300), "default");
        JwksCacheRegistry.Lease second = acquire(key("https://idp/jwks", 300), "default");
        Thread refreshThread = source.lastThread;

        first.close();
        first.close();   // must not count as the second user letting go

        assertTrue(refreshThread.isAlive(), "still used by the second validator");
        refreshed(second.cache());
        second.close();
        refreshThread.join(5000);
        assertTrue(!refreshThread.isAlive(), "the refresh thread stops with the last user");
        assertTrue(second.cache().refreshInBackground().toCompletableFuture().isCompletedExceptionally(),
                "a closed cache fetches nothing");
        assertEquals(0, registry.size());
    }

    @Test
    void afterTheLastCloseTheSameSettingsGetAFreshCache() {
        JwksCacheRegistry.Lease first = acquire(key("https://idp/jwks", 300), "default");
        JwksCache old = first.cache();
        first.close();

        JwksCacheRegistry.Lease again = acquire(key("https://idp/jwks", 300), "default");

        assertNotSame(old, again.cache());
        refreshed(again.cache());
    }

    @Test
    void aFailedCreationHoldsNothingAndTheNextTryStartsAfresh() {
        JwksSpec key = key("https://idp/jwks", 300);
        assertThrows(IllegalStateException.class, () -> registry.acquire(key, "default", JwksCache.Listener.NONE,
                fetches -> {
                    throw new IllegalStateException("bad factory");
                }));
        assertEquals(0, registry.size());

        acquire(key, "default");
        assertEquals(1, created.get());
    }

    @Test
    void concurrentFirstUsersCreateOneCache() throws Exception {
        source.block();   // the first fetch hangs until all callers are queued
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<JwksCacheRegistry.Lease>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> acquire(key("https://idp/jwks", 300), "default")));
            }
            Thread.sleep(200);
            source.unblock();
            JwksCache cache = results.get(0).get().cache();
            for (Future<JwksCacheRegistry.Lease> result : results) {
                assertSame(cache, result.get().cache());
            }
        } finally {
            callers.shutdown();
        }
        assertEquals(1, created.get());
        assertEquals(1, source.calls.get());
    }

    @Test
    void eachFetchIsCountedOncePerIssuerNameHoweverManyValidatorsShareIt() {
        AtomicInteger defaultCount = new AtomicInteger();
        AtomicInteger corpCount = new AtomicInteger();
        JwksSpec key = key("https://idp/jwks", 300);
        JwksCacheRegistry.Lease first = track(registry.acquire(key, "default", ok -> defaultCount.incrementAndGet(),
                this::create));
        track(registry.acquire(key, "default", ok -> defaultCount.incrementAndGet(), this::create));
        track(registry.acquire(key, "corp", ok -> corpCount.incrementAndGet(), this::create));
        assertEquals(1, defaultCount.get(), "the start-up fetch, counted once");

        refreshed(first.cache());
        first.close();
        refreshed(first.cache());

        assertEquals(3, defaultCount.get(), "still counted after one of two 'default' validators left");
        assertEquals(2, corpCount.get(), "joined after the start-up fetch");
    }

    /** Asks for a refresh and waits for it, which only a test may do. */
    private static void refreshed(JwksCache cache) {
        try {
            cache.refreshInBackground().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the refresh failed", e);
        }
    }

    private JwksCacheRegistry.Lease acquire(JwksSpec key, String issuer) {
        return track(registry.acquire(key, issuer, JwksCache.Listener.NONE, this::create));
    }

    private JwksCacheRegistry.Lease track(JwksCacheRegistry.Lease lease) {
        leases.add(lease);
        return lease;
    }

    private JwksCacheRegistry.Shared create(JwksCache.Listener fetches) {
        created.incrementAndGet();
        return new JwksCacheRegistry.Shared(new JwksCache(source, Duration.ofHours(1), Duration.ZERO,
                Duration.ofSeconds(10), Duration.ZERO, fetches), new CircuitBreaker("test", 5, Duration.ofSeconds(1)));
    }

    private static JwksSpec key(String jwksUri, long refreshSeconds) {
        return new JwksSpec(Optional.of(URI.create(jwksUri)), Optional.empty(),
                new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO,
                        Optional.empty(), ""),
                Duration.ofSeconds(refreshSeconds), Duration.ofSeconds(1), Duration.ofDays(1),
                new BreakerSettings(5, Duration.ofSeconds(10)));
    }
}
