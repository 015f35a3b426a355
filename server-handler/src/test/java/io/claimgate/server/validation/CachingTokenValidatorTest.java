package io.claimgate.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.testkit.MutableClock;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingTokenValidatorTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Issuer ISSUER = new Issuer("default", Optional.of("https://idp"), SKEW, "", "");

    final MutableClock clock = new MutableClock(NOW);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();

    /** Accepts tokens "ok-*" valid from NOW for 5 minutes ("ok-long-*": 2 hours); rejects everything else. */
    final TokenValidator delegate = new TokenValidator() {
        @Override
        public ValidatedToken validate(String token) throws TokenValidationException {
            calls.incrementAndGet();
            if (!token.startsWith("ok-")) {
                throw new TokenValidationException(Reason.BAD_SIGNATURE, "no");
            }
            long iat = NOW.getEpochSecond();
            long exp = iat + (token.startsWith("ok-long-") ? 7200 : 300);
            return ValidatedToken.builder(token, "user-" + token, ISSUER).scopes(Set.of("kafka")).groups(List.of("g"))
                    .claims(Map.of("sub", "user-" + token, "iat", iat, "nbf", iat, "exp", exp))
                    .lifetimeMs(exp * 1000).startTimeMs(iat * 1000).build();
        }

        @Override
        public void close() {
        }
    };

    CachingTokenValidator cache(long maxEntries) {
        return new CachingTokenValidator(delegate, maxEntries, clock, 65536,
                new CachingTokenValidator.Listener() {
                    @Override
                    public void hit() {
                        hits.incrementAndGet();
                    }

                    @Override
                    public void miss() {
                        misses.incrementAndGet();
                    }
                });
    }

    @Test
    void aRepeatedTokenIsValidatedOnce() throws Exception {
        CachingTokenValidator cache = cache(100);

        ValidatedToken first = cache.validate("ok-1");
        ValidatedToken second = cache.validate("ok-1");

        assertEquals(1, calls.get());
        assertEquals(1, hits.get());
        assertEquals(1, misses.get());
        assertEquals("ok-1", second.value(), "the presented token is put back in");
        assertEquals(first.principalName(), second.principalName());
        assertEquals(first.claims(), second.claims());
        assertEquals(first.lifetimeMs(), second.lifetimeMs());
        assertNotSame(first, second);
        cache.validate("ok-2");
        assertEquals(2, calls.get(), "another token is validated on its own");
    }

    /** A long-lived token is validated again an hour after it was cached (a withdrawn key shows then). */
    @Test
    void entriesAreValidatedAgainAfterTheirMaximumAge() throws Exception {
        CachingTokenValidator cache = cache(100);
        cache.validate("ok-long-1");
        clock.advance(CachingTokenValidator.MAX_ENTRY_AGE);
        cache.validate("ok-long-1");
        assertEquals(1, calls.get(), "still cached at exactly the maximum age");
        clock.advance(Duration.ofMillis(1));
        cache.validate("ok-long-1");
        assertEquals(2, calls.get(), "validated again once older");
        cache.validate("ok-long-1");
        assertEquals(2, calls.get(), "and cached anew");
    }

    @Test
    void expiryIsCheckedOnEveryUseWithTheSkew() throws Exception {
        CachingTokenValidator cache = cache(100);
        cache.validate("ok-1");

        clock.advance(Duration.ofSeconds(300 + 30));   // exp + skew: still accepted
        cache.validate("ok-1");
        clock.advance(Duration.ofSeconds(1));
        var e = assertThrows(TokenValidationException.class, () -> cache.validate("ok-1"));

        assertEquals(Reason.EXPIRED, e.reason());
        assertEquals("token expired at 2030-01-01T00:05:00Z (clock skew 30s)", e.detail());
        assertEquals(1, calls.get(), "the cached exp decided, no revalidation");
    }

    @Test
    void notBeforeIsCheckedOnEveryUse() throws Exception {
        CachingTokenValidator cache = cache(100);
        cache.validate("ok-1");

        clock.set(NOW.minusSeconds(31));   // the clock stepped back past nbf - skew
        var e = assertThrows(TokenValidationException.class, () -> cache.validate("ok-1"));

        assertEquals(Reason.NOT_YET_VALID, e.reason());
        clock.set(NOW.minusSeconds(30));
        cache.validate("ok-1");
        assertEquals(1, calls.get());
    }

    @Test
    void rejectionsAreNotCached() {
        CachingTokenValidator cache = cache(100);

        assertThrows(TokenValidationException.class, () -> cache.validate("bad"));
        assertThrows(TokenValidationException.class, () -> cache.validate("bad"));

        assertEquals(2, calls.get());
        assertEquals(0, cache.size());
    }

    @Test
    void theCacheIsBounded() throws Exception {
        CachingTokenValidator cache = cache(50);
        for (int i = 0; i < 2000; i++) {
            cache.validate("ok-" + i);
        }
        cache.validate("ok-1999");
        assertEquals(50, cache.size());
    }

    /**
     * A broker's cache fills up with tokens used once or twice, most of them expired by then. A new
     * token must still get in and be there for its client's reconnect (Caffeine's frequency-based
     * admission turned such tokens away: the cache stopped helping after a few hours of traffic).
     */
    @Test
    void aFullCacheStillKeepsNewTokensForTheirReconnects() throws Exception {
        CachingTokenValidator cache = cache(1000);
        for (int i = 0; i < 5000; i++) {   // yesterday's tokens, each used twice
            cache.validate("ok-old-" + i);
            cache.validate("ok-old-" + i);
        }
        for (int i = 0; i < 500; i++) {
            cache.validate("ok-new-" + i);
        }
        int before = hits.get();

        for (int i = 0; i < 500; i++) {
            cache.validate("ok-new-" + i);   // the reconnects
        }

        assertEquals(500, hits.get() - before);
    }

    @Test
    void theKeyIsAHashNotTheToken() {
        TokenHash a = TokenHash.of("ok-1");
        assertEquals(a, TokenHash.of("ok-1"));
        assertTrue(!a.equals(TokenHash.of("ok-2")));
        assertTrue(!a.toString().contains("ok-1"));
    }
}
