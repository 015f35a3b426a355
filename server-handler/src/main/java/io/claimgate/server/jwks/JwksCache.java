package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 *       to one per {@code minPause}. Each on-demand fetch that brings no new key doubles that pause
 *       (up to the refresh interval); one that does resets it. So a flood of tokens with made-up key
 *       ids costs the IdP a handful of requests, not one per second, and stops holding network
 *       threads once the pause outgrows half of {@code maxWait}.</li>
 *   <li>A failed fetch keeps the last good keys, for at most {@code maxAge} after the last
 *       successful fetch ({@code oauth.jwks.max.age.seconds}; zero = no limit): past that, keys the
 *       IdP may have withdrawn meanwhile are no longer trusted ({@link #expired}).</li>
 *   <li>Start-up does not fail when the IdP is down (unless {@code oauth.fail.fast}): it logs an
 *       ERROR and keeps retrying with backoff.</li>
 *   <li>While the IdP is failing, on-demand fetches still start (rate-limited) but nobody waits for
 *       them: otherwise tokens with unknown key ids could park network threads for the full
 *       timeouts again and again.</li>
 * </ul>
 */
public final class JwksCache implements AutoCloseable {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** What an on-demand refresh achieved: the keys to use now, and a note for the rejection detail. */
    public record RefreshOutcome(JwksSnapshot snapshot, boolean refreshed, String note) {
    }

    /** One fetch; callers stop waiting for it at {@code deadlineNanos}. */
    private record Fetch(CompletableFuture<JwksSnapshot> result, long deadlineNanos, boolean onDemand) {
    }

    private final JwksSource source;
    private final Duration refreshInterval;
    private final Duration minPause;
    private final Duration maxWait;
    private final Duration maxAge;
    private final Listener listener;
    private final ScheduledThreadPoolExecutor executor;
    private final JwksLog log;
    private final AtomicReference<JwksSnapshot> current = new AtomicReference<>(JwksSnapshot.NONE);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Object lock = new Object();
    private Fetch inFlight;            // guarded by lock
    private long lastStartNanos;       // guarded by lock
    private int uselessOnDemand;       // guarded by lock: on-demand fetches in a row that brought no new key
    private volatile boolean closed;
    private volatile boolean lastFetchFailed;
    private volatile String lastFailure;
    private final long createdNanos = System.nanoTime();

    /** Fetch outcomes, for metrics. */
    public interface Listener {
        Listener NONE = success -> {
        };

        void fetched(boolean success);
    }

    public JwksCache(JwksSource source, Duration refreshInterval, Duration minPause, Duration maxWait) {
        this(source, refreshInterval, minPause, maxWait, Duration.ZERO, Listener.NONE);
    }

    /**
     * @param maxWait  how long a caller waits for a fetch: the HTTP connect plus read timeout
     * @param maxAge   how long the last good keys keep serving without a successful refresh; zero = no limit
     * @param listener told of every fetch's outcome
     */
    public JwksCache(JwksSource source, Duration refreshInterval, Duration minPause, Duration maxWait,
                     Duration maxAge, Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.refreshInterval = refreshInterval;
        this.minPause = minPause;
        this.maxWait = maxWait;
        this.maxAge = maxAge;
        this.listener = listener;
        this.log = new JwksLog(source);
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
            log.startTimedOut(maxWait);
        }
    }

    /** The last good keys; check {@link #expired} before trusting them. */
    public JwksSnapshot current() {
        return current.get();
    }

    /** Whether {@code snapshot} is older than the maximum age: its keys must not be used any more. */
    public boolean expired(JwksSnapshot snapshot) {
        return !maxAge.isZero() && snapshot.loaded()
                && snapshot.fetchedAt().plus(maxAge).isBefore(Instant.now());
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Why the last fetch failed, if it did; for start-up errors. */
    public Optional<String> lastFailure() {
        return lastFetchFailed ? Optional.ofNullable(lastFailure) : Optional.empty();
    }

    /** Seconds since the last successful fetch (since creation if none yet); for the staleness gauge. */
    public double secondsSinceLastSuccess() {
        JwksSnapshot snapshot = current.get();
        if (!snapshot.loaded()) {
            return (System.nanoTime() - createdNanos) / 1e9;
        }
        return Duration.between(snapshot.fetchedAt(), Instant.now()).toMillis() / 1000.0;
    }

    /** Where the keys come from, for messages. */
    public String describe() {
        return source.describe();
    }

    /**
     * Called when a token names a key that {@link #current()} lacks: joins the fetch in flight, or
     * starts one. Fetches stay rate-limited to one per pause ({@code minPause}, grown by useless
     * on-demand fetches): inside the pause the fetch is deferred to the end of it rather than
     * skipped, so a token signed with a key the IdP rotated in a moment ago is not refused just
     * because of the rate limit. The caller waits at most {@code maxWait} in all, and not at all
     * for a fetch due later than half of it.
     */
    public RefreshOutcome refreshForUnknownKey() {
        long callStart = System.nanoTime();
        boolean failing = lastFetchFailed;   // read before starting a fetch that may fail at once
        Fetch fetch;
        synchronized (lock) {
            if (inFlight != null) {
                fetch = inFlight;
            } else if (closed) {
                return new RefreshOutcome(current(), false, "validator is closed");
            } else {
                long pauseLeft = onDemandPauseNanosLocked() - (callStart - lastStartNanos);
                fetch = startFetchLocked(Math.max(pauseLeft, 0), true);
            }
        }
        if (failing) {
            return new RefreshOutcome(current(), false, "the IdP failed the last JWKS fetch; refetching in the"
                    + " background without waiting");
        }
        long startsIn = fetch.deadlineNanos() - maxWait.toNanos() - callStart;
        if (startsIn > maxWait.toNanos() / 2) {
            // A long pause (oauth.jwks.refresh.min.pause.seconds, or grown): do not hold a network thread.
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
        return startFetchLocked(0, false);
    }

    /** {@code minPause}, doubled for each on-demand fetch in a row that brought no new key; at most the refresh interval. */
    private long onDemandPauseNanosLocked() {
        long pause = minPause.toNanos() << Math.min(uselessOnDemand, 20);
        return Math.min(pause, Math.max(minPause.toNanos(), refreshInterval.toNanos()));
    }

    /** Starts a fetch after {@code delayNanos} (0 = now); it counts as started at that time. */
    private Fetch startFetchLocked(long delayNanos, boolean onDemand) {
        long start = System.nanoTime() + delayNanos;
        lastStartNanos = start;
        Fetch fetch = new Fetch(new CompletableFuture<>(), start + maxWait.toNanos(), onDemand);
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
                log.secretsPublished();
            }
            fresh = JwksSnapshot.of(set, Instant.now());
        } catch (Exception e) {
            failure = e;
        }
        JwksSnapshot previous = current.get();
        synchronized (lock) {
            if (inFlight == fetch) {
                inFlight = null;
            }
            if (fresh != null && previous.loaded() && previous.keyIds().equals(fresh.keyIds())) {
                uselessOnDemand += fetch.onDemand() ? 1 : 0;
            } else if (fresh != null) {
                uselessOnDemand = 0;
            }
        }
        lastFailure = failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        lastFetchFailed = fresh == null;
        listener.fetched(fresh != null);
        if (fresh != null) {
            current.set(fresh);
            log.fetched(previous, fresh);
            fetch.result().complete(fresh);
        } else {
            log.failed(failure, previous, expired(previous), maxAge);
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
}
