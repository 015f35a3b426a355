package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The refresh thread of a {@link JwksCache}: runs every fetch on one daemon thread, one at a time
 * (single-flight: a request while a fetch is in flight or due joins it), starts on-demand fetches
 * no sooner than the {@link RefreshPolicy} allows (a request inside the pause is deferred to its
 * end, not dropped, or run earlier by the background schedule, which never waits for it), and
 * chains the background schedule to the end of each scheduled fetch so fetches never overlap or
 * pile up. A request that joins a fetch already running gets one more
 * fetch after it, at the end of the pause: that fetch's request may have gone out before the IdP
 * rotated the key the request is looking for. Nothing here blocks a caller: a request returns a
 * read-only stage of the fetch, which only tests wait for (start-up waits for the first fetch's
 * future).
 */
final class JwksFetcher implements AutoCloseable {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final CompletionStage<JwksSnapshot> CLOSED =
            CompletableFuture.failedStage(new IllegalStateException("the JWKS cache is closed"));

    private final JwksSource source;
    private final JwksHolder keys;
    private final RefreshPolicy policy;
    private final JwksCache.Listener listener;
    private final JwksLog log;
    private final ScheduledThreadPoolExecutor executor;
    private final Object lock = new Object();

    private CompletableFuture<JwksSnapshot> inFlight;   // guarded by lock: running, or due to run
    private ScheduledFuture<?> inFlightTask;             // guarded by lock: the task that runs inFlight
    /**
     * Guarded by lock: the read-only view of {@code inFlight} that every request gets, made once
     * per fetch. A view per request would hang one more completion node on the fetch for each
     * token that names an unknown key, and a flood inside a long pause would pile them up.
     */
    private CompletionStage<JwksSnapshot> inFlightView;
    private long lastStartNanos;                         // guarded by lock
    private boolean inFlightRunning;                     // guarded by lock: inFlight has started
    /** Guarded by lock: a request joined inFlight while it ran, so one more fetch follows it. */
    private boolean wantedAgain;
    private volatile boolean closed;

    JwksFetcher(JwksSource source, JwksHolder keys, RefreshPolicy policy, JwksCache.Listener listener, JwksLog log) {
        this.source = source;
        this.keys = keys;
        this.policy = policy;
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
    CompletableFuture<JwksSnapshot> startSchedule() {
        CompletableFuture<JwksSnapshot> first;
        synchronized (lock) {
            first = startLocked(0);
        }
        scheduleAfter(first);
        return first;
    }

    /**
     * For a token naming a key we lack: the fetch in flight (or due), or a new one, started once
     * the on-demand pause since the last start has passed. Returns at once; the stage completes
     * when that fetch ends (exceptionally when closed).
     */
    CompletionStage<JwksSnapshot> onDemand() {
        synchronized (lock) {
            if (closed) {
                return CLOSED;
            }
            if (inFlight == null) {
                startOnDemandLocked();
            } else if (inFlightRunning) {
                wantedAgain = true;
            }
            return inFlightView;
        }
    }

    /**
     * Stops the thread; a fetch that was due is dropped and its future fails, so nothing waits for
     * it. A fetch blocked in IO ends with its own timeout.
     */
    @Override
    public void close() {
        CompletableFuture<JwksSnapshot> dropped;
        synchronized (lock) {
            closed = true;
            dropped = inFlight;
        }
        executor.shutdownNow();
        if (dropped != null) {
            dropped.completeExceptionally(new IllegalStateException("the JWKS cache is closed"));
        }
    }

    /** True while a fetch is running or due: for tests, which cannot otherwise see a due fetch. */
    boolean fetchRunningOrDue() {
        synchronized (lock) {
            return inFlight != null;
        }
    }

    /** An on-demand fetch, once the pause since the last start has passed. */
    private void startOnDemandLocked() {
        long pauseLeft = policy.onDemandPauseNanos() - (System.nanoTime() - lastStartNanos);
        startLocked(Math.max(pauseLeft, 0));
    }

    /** Starts a fetch after {@code delayNanos} (0 = now); it counts as started at that time. */
    private CompletableFuture<JwksSnapshot> startLocked(long delayNanos) {
        lastStartNanos = System.nanoTime() + delayNanos;
        CompletableFuture<JwksSnapshot> fetch = new CompletableFuture<>();
        inFlight = fetch;
        inFlightRunning = false;
        wantedAgain = false;
        inFlightView = fetch.minimalCompletionStage();
        try {
            inFlightTask = executor.schedule(() -> run(fetch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {   // closed meanwhile
            inFlight = null;
            inFlightTask = null;
            inFlightView = CLOSED;
            fetch.completeExceptionally(e);
        }
        return fetch;
    }

    private void run(CompletableFuture<JwksSnapshot> fetch) {
        synchronized (lock) {
            if (inFlight == fetch) {
                inFlightRunning = true;   // from now on, its request may predate a rotation
            }
        }
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
            // Publish, then stop being in flight: a request after this sees the new keys.
            if (fresh != null) {
                keys.succeeded(fresh);
            } else {
                keys.failed(failure);
            }
            if (inFlight == fetch) {
                inFlight = null;
                if (wantedAgain && !closed) {
                    startOnDemandLocked();   // due one pause after this fetch started
                }
            }
        }
        if (fresh != null) {
            listener.fetched(true);
            log.fetched(previous, fresh);
            fetch.complete(fresh);
        } else {
            listener.fetched(false);
            log.failed(failure, previous, keys.expired(previous), keys.maxAge());
            fetch.completeExceptionally(failure);
        }
    }

    /** Chains the next scheduled fetch to the end of this one. */
    private void scheduleAfter(CompletableFuture<JwksSnapshot> fetch) {
        fetch.whenComplete((snapshot, error) -> {
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

    /**
     * A fetch that is only due (deferred to the end of an on-demand pause) is run now instead: a
     * token naming an unknown key must not postpone the regular refresh, or one unauthenticated
     * attempt per pause could hold it off, past the keys' maximum age when the pause is that long.
     */
    private void scheduledRefresh() {
        CompletableFuture<JwksSnapshot> fetch;
        boolean runNow = false;
        synchronized (lock) {
            if (inFlight == null) {
                fetch = startLocked(0);
            } else {
                fetch = inFlight;
                // This is the refresh thread, so a due fetch's task is queued, not running: cancel it and run here.
                if (!inFlightRunning && inFlightTask != null && inFlightTask.cancel(false)) {
                    lastStartNanos = System.nanoTime();
                    runNow = true;
                }
            }
        }
        scheduleAfter(fetch);
        if (runNow) {
            run(fetch);
        }
    }
}
