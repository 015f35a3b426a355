package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The refresh thread of a {@link JwksCache}: runs every fetch on one daemon thread, one at a time
 * (single-flight: callers join the fetch in flight), starts on-demand fetches no sooner than the
 * {@link RefreshPolicy} allows, and chains the background schedule to the end of each scheduled
 * fetch so fetches never overlap or pile up.
 */
final class JwksFetcher implements AutoCloseable {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /**
     * One fetch; callers stop waiting for it at {@code deadlineNanos}. {@code newerKeysOnly}: no
     * fetch at all, {@code result} holds keys published since the caller looked ({@link #onDemand}).
     */
    record Fetch(CompletableFuture<JwksSnapshot> result, long deadlineNanos, boolean onDemand, boolean newerKeysOnly) {
        Fetch(CompletableFuture<JwksSnapshot> result, long deadlineNanos, boolean onDemand) {
            this(result, deadlineNanos, onDemand, false);
        }
    }

    private final JwksSource source;
    private final JwksHolder keys;
    private final RefreshPolicy policy;
    private final Duration maxWait;
    private final JwksCache.Listener listener;
    private final JwksLog log;
    private final ScheduledThreadPoolExecutor executor;
    private final Object lock = new Object();
    private Fetch inFlight;            // guarded by lock
    private long lastStartNanos;       // guarded by lock
    private volatile boolean closed;

    JwksFetcher(JwksSource source, JwksHolder keys, RefreshPolicy policy, Duration maxWait,
                JwksCache.Listener listener, JwksLog log) {
        this.source = source;
        this.keys = keys;
        this.policy = policy;
        this.maxWait = maxWait;
        this.listener = listener;
        this.log = log;
        this.lastStartNanos = System.nanoTime() - policy.onDemandPauseNanos() - 1;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "claimgate-jwks-refresh-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);   // never keeps a broker JVM alive
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** The first fetch, now; the background schedule follows it. */
    Fetch startSchedule() {
        Fetch first;
        synchronized (lock) {
            first = startLocked(0, false);
        }
        scheduleAfter(first);
        return first;
    }

    /**
     * For a token naming a key that {@code seen} lacks: the fetch in flight, or a new one once the
     * on-demand pause since the last start has passed (deferred, not skipped); empty when closed.
     * If keys newer than {@code seen} were published meanwhile, those, without a fetch: a fetch
     * publishes its keys before it stops being in flight (both under the lock), so a caller that
     * looked just before a fetch ended neither starts a needless one nor waits out the pause.
     */
    Optional<Fetch> onDemand(long callStartNanos, JwksSnapshot seen) {
        synchronized (lock) {
            if (closed) {
                return Optional.empty();
            }
            if (inFlight != null) {
                return Optional.of(inFlight);
            }
            JwksSnapshot current = keys.current();
            if (current != seen) {
                return Optional.of(new Fetch(CompletableFuture.completedFuture(current),
                        callStartNanos + maxWait.toNanos(), true, true));
            }
            long pauseLeft = policy.onDemandPauseNanos() - (callStartNanos - lastStartNanos);
            return Optional.of(startLocked(Math.max(pauseLeft, 0), true));
        }
    }

    /** Stops the thread. A fetch blocked in IO ends with its own timeout. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    /** Starts a fetch after {@code delayNanos} (0 = now); it counts as started at that time. */
    private Fetch startLocked(long delayNanos, boolean onDemand) {
        long start = System.nanoTime() + delayNanos;
        lastStartNanos = start;
        Fetch fetch = new Fetch(new CompletableFuture<>(), start + maxWait.toNanos(), onDemand);
        inFlight = fetch;
        try {
            executor.schedule(() -> run(fetch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {   // closed meanwhile
            inFlight = null;
            fetch.result().completeExceptionally(e);
        }
        return fetch;
    }

    private void run(Fetch fetch) {
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
        } catch (Error e) {
            // A linkage error and the like: still a failed fetch. Letting it escape would leave this
            // fetch in flight for ever, every caller joining it, and no fetch scheduled after it.
            failure = new IllegalStateException("the JWKS fetch failed: " + e, e);
        }
        JwksSnapshot previous = keys.current();
        synchronized (lock) {
            // Publish, then stop being in flight: see onDemand.
            if (fresh != null) {
                policy.fetched(previous, fresh, fetch.onDemand());
                keys.succeeded(fresh);
            } else {
                keys.failed(failure);
            }
            if (inFlight == fetch) {
                inFlight = null;
            }
        }
        if (fresh != null) {
            listener.fetched(true);
            log.fetched(previous, fresh);
            fetch.result().complete(fresh);
        } else {
            listener.fetched(false);
            log.failed(failure, previous, keys.expired(previous), keys.maxAge());
            fetch.result().completeExceptionally(failure);
        }
    }

    /** Chains the next scheduled fetch to the end of this one. */
    private void scheduleAfter(Fetch fetch) {
        fetch.result().whenComplete((snapshot, error) -> {
            if (closed) {
                return;
            }
            Duration delay = policy.nextScheduledDelay(error == null);
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
            fetch = inFlight != null ? inFlight : startLocked(0, false);
        }
        scheduleAfter(fetch);
    }
}
