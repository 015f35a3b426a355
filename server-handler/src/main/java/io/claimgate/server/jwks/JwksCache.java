package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's signing keys, kept fresh without ever making a Kafka network thread wait
 * longer than one bounded fetch.
 *
 * <ul>
 *   <li>Readers get an immutable {@link JwksSnapshot} from an {@link AtomicReference}: no locks on
 *       the hot path.</li>
 *   <li>All fetches run on one daemon thread: every {@code refreshInterval}, and on demand when a
 *       token names a key we do not have (key rotation).</li>
 *   <li>On-demand fetches are single-flight (concurrent callers share one future) and rate-limited
 *       to one per {@code minPause}, so tokens with made-up key ids cannot flood the IdP.</li>
 *   <li>A failed fetch keeps the last good keys; start-up does not fail when the IdP is down, it
 *       logs an ERROR and keeps retrying with backoff.</li>
 *   <li>While the IdP is failing, on-demand fetches still start (rate-limited) but nobody waits for
 *       them: otherwise tokens with unknown key ids could park network threads for the full
 *       timeouts again and again.</li>
 * </ul>
 */
public final class JwksCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** What an on-demand refresh achieved: the keys to use now, and a note for the rejection detail. */
    public record RefreshOutcome(JwksSnapshot snapshot, boolean refreshed, String note) {
    }

    /** One fetch; callers stop waiting for it at {@code deadlineNanos}. */
    private record Fetch(CompletableFuture<JwksSnapshot> result, long deadlineNanos) {
    }

    private final JwksSource source;
    private final Duration refreshInterval;
    private final Duration minPause;
    private final Duration maxWait;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicReference<JwksSnapshot> current = new AtomicReference<>(JwksSnapshot.NONE);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Object lock = new Object();
    private Fetch inFlight;            // guarded by lock
    private long lastStartNanos;       // guarded by lock
    private volatile boolean closed;
    private volatile boolean lastFetchFailed;

    /**
     * @param maxWait how long a caller waits for a fetch: the HTTP connect plus read timeout
     */
    public JwksCache(JwksSource source, Duration refreshInterval, Duration minPause, Duration maxWait) {
        this.source = Objects.requireNonNull(source, "source");
        this.refreshInterval = refreshInterval;
        this.minPause = minPause;
        this.maxWait = maxWait;
        this.lastStartNanos = System.nanoTime() - minPause.toNanos() - 1;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "claimgate-jwks-refresh-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);   // never keeps a broker JVM alive
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * The first fetch, waited for at most {@code maxWait} so the first tokens after start-up can
     * be validated; then the background schedule. Never throws for an unreachable IdP.
     */
    public void start() {
        Fetch first;
        synchronized (lock) {
            first = startFetchLocked();
        }
        scheduleAfter(first);
        RefreshOutcome outcome = await(first);
        if (!outcome.snapshot().loaded() && !first.result().isDone()) {
            log.error("claimgate: the JWKS fetch from {} did not complete within {} ms at start-up. Tokens are"
                    + " rejected (KEYS_UNAVAILABLE) until it does; the fetch continues in the background.",
                    source.describe(), maxWait.toMillis());
        }
    }

    /** The keys to validate with now. */
    public JwksSnapshot current() {
        return current.get();
    }

    /**
     * Called when a token names a key that {@link #current()} lacks: joins the fetch in flight, or
     * starts one. Fetches stay rate-limited to one per {@code minPause}: inside the pause the
     * fetch is deferred to the end of it rather than skipped, so a token signed with a key the IdP
     * rotated in a moment ago is not refused just because of the rate limit. The caller waits at
     * most {@code maxWait} in all.
     */
    public RefreshOutcome refreshForUnknownKey() {
        long callStart = System.nanoTime();
        Fetch fetch;
        synchronized (lock) {
            if (inFlight != null) {
                fetch = inFlight;
            } else if (closed) {
                return new RefreshOutcome(current(), false, "validator is closed");
            } else {
                long pauseLeft = minPause.toNanos() - (callStart - lastStartNanos);
                fetch = startFetchLocked(Math.max(pauseLeft, 0));
            }
        }
        if (lastFetchFailed) {
            return new RefreshOutcome(current(), false, "the IdP failed the last JWKS fetch; refetching in the"
                    + " background without waiting");
        }
        long startsIn = fetch.deadlineNanos() - maxWait.toNanos() - callStart;
        if (startsIn > maxWait.toNanos() / 2) {
            // A long oauth.jwks.refresh.min.pause.seconds: do not hold a network thread that long.
            return new RefreshOutcome(current(), false, "JWKS refetch deferred by the rate limit, due in "
                    + TimeUnit.NANOSECONDS.toMillis(startsIn) + " ms");
        }
        return await(fetch, Math.min(fetch.deadlineNanos(), callStart + maxWait.toNanos()));
    }

    /** Stops the refresh thread. A fetch blocked in IO ends with its own timeout. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private RefreshOutcome await(Fetch fetch) {
        return await(fetch, fetch.deadlineNanos());
    }

    private RefreshOutcome await(Fetch fetch, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0 && !fetch.result().isDone()) {
            // The IdP stalled this fetch beyond the timeouts; waiting again would not help.
            return new RefreshOutcome(current(), false, "a JWKS fetch is stalled past its timeout, see broker log");
        }
        try {
            return new RefreshOutcome(fetch.result().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS), true,
                    "JWKS refetched just now");
        } catch (TimeoutException e) {
            return new RefreshOutcome(current(), false, "JWKS fetch did not finish within " + maxWait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new RefreshOutcome(current(), false, "JWKS fetch failed, see broker log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RefreshOutcome(current(), false, "interrupted while waiting for the JWKS");
        }
    }

    private Fetch startFetchLocked() {
        return startFetchLocked(0);
    }

    /** Starts a fetch after {@code delayNanos} (0 = now); it counts as started at that time. */
    private Fetch startFetchLocked(long delayNanos) {
        long start = System.nanoTime() + delayNanos;
        lastStartNanos = start;
        Fetch fetch = new Fetch(new CompletableFuture<>(), start + maxWait.toNanos());
        inFlight = fetch;
        try {
            executor.schedule(() -> runFetch(fetch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {   // closed meanwhile
            inFlight = null;
            fetch.result().completeExceptionally(e);
        }
        return fetch;
    }

    private void runFetch(Fetch fetch) {
        JwksSnapshot fresh = null;
        Exception failure = null;
        try {
            JWKSet set = source.fetch();
            if (set.containsNonPublicKeys()) {
                log.warn("claimgate: the JWKS from {} contains private or symmetric keys. They are ignored, but the"
                        + " identity provider is publishing secrets: fix its configuration.", source.describe());
            }
            fresh = JwksSnapshot.of(set, Instant.now());
        } catch (Exception e) {
            failure = e;
        }
        synchronized (lock) {
            if (inFlight == fetch) {
                inFlight = null;
            }
        }
        lastFetchFailed = fresh == null;
        if (fresh != null) {
            JwksSnapshot previous = current.getAndSet(fresh);
            logFetched(previous, fresh);
            fetch.result().complete(fresh);
        } else {
            logFailure(failure);
            fetch.result().completeExceptionally(failure);
        }
    }

    /** Chains the next scheduled fetch to the end of this one: no overlapping or piled-up fetches. */
    private void scheduleAfter(Fetch fetch) {
        fetch.result().whenComplete((snapshot, error) -> {
            if (closed) {
                return;
            }
            Duration delay = error == null ? refreshInterval : retryDelay(consecutiveFailures.incrementAndGet());
            if (error == null) {
                consecutiveFailures.set(0);
            }
            try {
                executor.schedule(this::scheduledRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: nothing more to schedule
            }
        });
    }

    private void scheduledRefresh() {
        Fetch fetch;
        synchronized (lock) {
            fetch = inFlight != null ? inFlight : startFetchLocked();
        }
        scheduleAfter(fetch);
    }

    /** After failures: 1 s (or minPause), doubling, at most the normal refresh interval. */
    private Duration retryDelay(int failures) {
        long base = Math.max(1000, minPause.toMillis());
        long delay = base << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(delay, refreshInterval.toMillis()));
    }

    private void logFetched(JwksSnapshot previous, JwksSnapshot fresh) {
        if (!previous.loaded() || !previous.keyIds().equals(fresh.keyIds())) {
            log.info("claimgate fetched {} signing key(s) {} from {}", fresh.keys().size(), fresh.keyIds(),
                    source.describe());
        } else {
            log.debug("claimgate refreshed the JWKS from {}: unchanged", source.describe());
        }
    }

    private void logFailure(Exception failure) {
        JwksSnapshot last = current();
        String what = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (!last.loaded()) {
            log.error("claimgate CANNOT FETCH THE JWKS from {} ({}). No token can be validated until a fetch"
                    + " succeeds; retrying in the background.", source.describe(), what);
        } else {
            log.warn("claimgate could not refresh the JWKS from {} ({}); still using the {} key(s) fetched at {}",
                    source.describe(), what, last.keys().size(), last.fetchedAt());
        }
    }
}
