package io.claimgate.server.jwks;

import java.time.Duration;

/**
 * When a {@link JwksCache} may fetch next: the rate limit of on-demand fetches (tokens naming an
 * unknown key) and the backoff of the background schedule after failures. Pure bookkeeping, no
 * threads; thread-safe.
 *
 * <p>The on-demand pause is fixed at {@code minPause}: it no longer grows after fetches that bring
 * no new key. Nobody waits for an on-demand fetch any more, so a longer pause would not spare a
 * network thread; it would only let a flood of made-up key ids delay a genuinely rotated-in key
 * by up to the refresh interval, while one request per pause is what the operator chose to allow.
 */
final class RefreshPolicy {
    private final Duration refreshInterval;
    private final Duration minPause;
    private int consecutiveFailures;   // guarded by this: of the background schedule

    RefreshPolicy(Duration refreshInterval, Duration minPause) {
        this.refreshInterval = refreshInterval;
        this.minPause = minPause;
    }

    /** Least time between the start of any fetch and the start of an on-demand one. */
    long onDemandPauseNanos() {
        return minPause.toNanos();
    }

    /** Delay before the next background fetch: the refresh interval, or after failures 1 s (or minPause) doubling up to it. */
    synchronized Duration nextScheduledDelay(boolean lastSucceeded) {
        if (lastSucceeded) {
            consecutiveFailures = 0;
            return refreshInterval;
        }
        consecutiveFailures++;
        long base = Math.max(1000, minPause.toMillis());
        long delay = base << Math.min(consecutiveFailures - 1, 20);
        return Duration.ofMillis(Math.min(delay, refreshInterval.toMillis()));
    }
}
