package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limit of on-demand fetches and the backoff of the background schedule, without threads. */
class RefreshPolicyTest {
    static final JwksSnapshot ONE_KEY = new JwksSnapshot(List.of(JwksCacheTest.KEY_1), Instant.now());
    static final JwksSnapshot TWO_KEYS = new JwksSnapshot(List.of(JwksCacheTest.KEY_1, JwksCacheTest.KEY_2),
            Instant.now());

    final RefreshPolicy policy = new RefreshPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1));

    @Test
    void uselessOnDemandFetchesDoubleThePauseUpToTheRefreshInterval() {
        assertEquals(Duration.ofSeconds(1).toNanos(), policy.onDemandPauseNanos());
        policy.fetched(ONE_KEY, ONE_KEY, true);
        assertEquals(Duration.ofSeconds(2).toNanos(), policy.onDemandPauseNanos());
        for (int i = 0; i < 10; i++) {
            policy.fetched(ONE_KEY, ONE_KEY, true);
        }
        assertEquals(Duration.ofSeconds(10).toNanos(), policy.onDemandPauseNanos());
    }

    @Test
    void aFetchBringingNewKeysResetsThePauseAndAnUnchangedScheduledOneLeavesIt() {
        policy.fetched(ONE_KEY, ONE_KEY, true);
        policy.fetched(ONE_KEY, ONE_KEY, false);
        assertEquals(Duration.ofSeconds(2).toNanos(), policy.onDemandPauseNanos());

        policy.fetched(ONE_KEY, TWO_KEYS, false);

        assertEquals(Duration.ofSeconds(1).toNanos(), policy.onDemandPauseNanos());
    }

    @Test
    void failuresBackOffFromOneSecondToTheRefreshIntervalAndASuccessResets() {
        assertEquals(Duration.ofSeconds(1), policy.nextScheduledDelay(false));
        assertEquals(Duration.ofSeconds(2), policy.nextScheduledDelay(false));
        assertEquals(Duration.ofSeconds(4), policy.nextScheduledDelay(false));
        assertEquals(Duration.ofSeconds(8), policy.nextScheduledDelay(false));
        assertEquals(Duration.ofSeconds(10), policy.nextScheduledDelay(false));
        assertEquals(Duration.ofSeconds(10), policy.nextScheduledDelay(true));
        assertEquals(Duration.ofSeconds(1), policy.nextScheduledDelay(false));
    }
}
