package io.claimgate.server.jwks;

import java.time.Duration;

/**
 * When a {@link JwksCache} may fetch next: the rate limit of on-demand fetches (tokens naming an
 * unknown key) and the backoff of the background schedule after failures. Pure bookkeeping, no
 * threads; thread-safe.
 */
final class RefreshPolicy {
    private final Duration refreshInterval;
    private final Duration minPause;
    private int uselessOnDemand;       // guarded by this: on-demand fetches in a row that brought no new key
    private int consecutiveFailures;   // guarded by this: of the background schedule

    RefreshPolicy(Duration refreshInterval, Duration minPause) {
        this.refreshInterval = refreshInterval;
        this.minPause = minPause;
    }

    /**
     * Least time between two on-demand fetches: {@code minPause}, doubled for each on-demand fetch
     * in a row that brought no new key, at most the refresh interval. So a flood of tokens with
     * made-up key ids costs the IdP a handful of requests rather than one per {@code minPause}.
     */
    synchronized long onDemandPauseNanos() {
        long pause = minPause.toNanos() << Math.min(uselessOnDemand, 20);
        return Math.min(pause, Math.max(minPause.toNanos(), refreshInterval.toNanos()));
    }

    /** A successful fetch: one that brought new keys resets the pause, a useless on-demand one grows it. */
    synchronized void fetched(JwksSnapshot previous, JwksSnapshot fresh, boolean onDemand) {
        if (previous.loaded() && previous.keyIds().equals(fresh.keyIds())) {
            uselessOnDemand += onDemand ? 1 : 0;
        } else {
            uselessOnDemand = 0;
        }
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
