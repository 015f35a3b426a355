package io.claimgate.server.jwks;

import io.claimgate.server.jwks.JwksFetcher.Fetch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The identity provider's signing keys, kept fresh without ever making a Kafka network thread wait
 * longer than one bounded fetch. This class decides who waits and how long; the pieces do the rest:
 *
 * <ul>
 *   <li>{@link JwksHolder}: the last good {@link JwksSnapshot}, read without locks on the hot path,
 *       and its age. A failed fetch keeps the last good keys, for at most {@code maxAge} after the
 *       last successful fetch ({@code oauth.jwks.max.age.seconds}; zero = no limit): past that,
 *       keys the IdP may have withdrawn meanwhile are no longer trusted ({@link #expired}).</li>
 *   <li>{@link JwksFetcher}: one daemon thread runs every fetch, every {@code refreshInterval} and
 *       on demand when a token names a key we do not have (key rotation); on-demand fetches are
 *       single-flight (concurrent callers share one future).</li>
 *   <li>{@link RefreshPolicy}: on-demand fetches are rate-limited to one per {@code minPause}, which
 *       each on-demand fetch bringing no new key doubles (up to the refresh interval) and one that
 *       does resets; so a flood of tokens with made-up key ids costs the IdP a handful of requests
 *       and stops holding network threads once the pause outgrows half of {@code maxWait}. The
 *       background schedule backs off after failures.</li>
 * </ul>
 * Start-up does not fail when the IdP is down (unless {@code oauth.fail.fast}, decided by the
 * caller): it logs an ERROR and keeps retrying with backoff. While the IdP is failing, on-demand
 * fetches still start (rate-limited) but nobody waits for them: otherwise tokens with unknown key
 * ids could park network threads for the full timeouts again and again.
 *
 * <p>One cache may serve several validators: see {@code JwksCacheRegistry}.
 */
public final class JwksCache implements AutoCloseable {

    /**
     * What an on-demand refresh achieved: the keys to use now, and a note for the rejection detail.
     * {@code newerKeysOnly}: no fetch was made for this call; {@code snapshot} is keys published
     * since the caller looked, by a fetch that may have started before the IdP rotated.
     */
    public record RefreshOutcome(JwksSnapshot snapshot, boolean refreshed, String note, boolean newerKeysOnly) {
        public RefreshOutcome(JwksSnapshot snapshot, boolean refreshed, String note) {
            this(snapshot, refreshed, note, false);
        }
    }

    /** Fetch outcomes, for metrics. */
    public interface Listener {
        Listener NONE = success -> {
        };

        void fetched(boolean success);
    }

    private final JwksSource source;
    private final Duration maxWait;
    private final JwksHolder keys;
    private final JwksFetcher fetcher;
    private final JwksLog log;

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
        this.maxWait = maxWait;
        this.keys = new JwksHolder(maxAge);
        this.log = new JwksLog(source);
        this.fetcher = new JwksFetcher(source, keys, new RefreshPolicy(refreshInterval, minPause), maxWait,
                listener, log);
    }

    /**
     * The first fetch, waited for at most {@code maxWait} so the first tokens after start-up can
     * be validated; then the background schedule. Never throws for an unreachable IdP.
     */
    public void start() {
        Fetch first = fetcher.startSchedule();
        RefreshOutcome outcome = await(first, first.deadlineNanos());
        if (!outcome.snapshot().loaded() && !first.result().isDone()) {
            log.startTimedOut(maxWait);
        }
    }

    /** The last good keys; check {@link #expired} before trusting them. */
    public JwksSnapshot current() {
        return keys.current();
    }

    /** Whether {@code snapshot} is older than the maximum age: its keys must not be used any more. */
    public boolean expired(JwksSnapshot snapshot) {
        return keys.expired(snapshot);
    }

    public Duration maxAge() {
        return keys.maxAge();
    }

    /** Why the last fetch failed, if it did; for start-up errors. */
    public Optional<String> lastFailure() {
        return keys.lastFailure();
    }

    /** Seconds since the last successful fetch (since creation if none yet); for the staleness gauge. */
    public double secondsSinceLastSuccess() {
        return keys.secondsSinceLastSuccess();
    }

    /** Where the keys come from, for messages. */
    public String describe() {
        return source.describe();
    }

    /**
     * Called when a token names a key that {@link #current()} lacks: joins the fetch in flight, or
     * starts one. Inside the rate-limit pause the fetch is deferred to the end of it rather than
     * skipped, so a token signed with a key the IdP rotated in a moment ago is not refused just
     * because of the rate limit. The caller waits at most {@code maxWait} in all, and not at all
     * for a fetch due later than half of it.
     */
    public RefreshOutcome refreshForUnknownKey() {
        return refreshForUnknownKey(current());
    }

    /** As {@link #refreshForUnknownKey()}, for a caller that found no key in {@code seen}. */
    public RefreshOutcome refreshForUnknownKey(JwksSnapshot seen) {
        long callStart = System.nanoTime();
        boolean failing = keys.lastFetchFailed();   // read before starting a fetch that may fail at once
        Optional<Fetch> started = fetcher.onDemand(callStart, seen);
        if (started.isEmpty()) {
            return new RefreshOutcome(current(), false, "validator is closed");
        }
        Fetch fetch = started.get();
        if (fetch.newerKeysOnly()) {
            // Not a fetch that merely finished quickly: the caller's answer is keys it had not seen.
            return new RefreshOutcome(fetch.result().join(), true, "JWKS fetched meanwhile", true);
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
        fetcher.close();
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
}
