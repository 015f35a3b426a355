package io.claimgate.server.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate limit of on-demand fetches and the backoff of the background schedule, without threads. */
class RefreshPolicyTest {
    final RefreshPolicy policy = new RefreshPolicy(Duration.ofSeconds(10), Duration.ofSeconds(1));

    @Test
    void theOnDemandPauseIsTheMinimumPause() {
        assertEquals(Duration.ofSeconds(1).toNanos(), policy.onDemandPauseNanos());
        policy.nextScheduledDelay(false);
        assertEquals(Duration.ofSeconds(1).toNanos(), policy.onDemandPauseNanos(), "failures do not change it");
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
