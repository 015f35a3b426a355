package io.claimgate.server.jwks;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The identity provider's signing keys, kept fresh without ever making a token validation wait for
 * the IdP: validation reads the keys it has ({@link #current()}), and a token naming a key that is
 * not among them only asks for a background refresh ({@link #refreshInBackground()}) and is
 * refused at once. The client's next attempt (Kafka's reconnect backoff) finds the key once the
 * refresh has published it. The pieces:
 *
 * <ul>
 *   <li>{@link JwksHolder}: the last good {@link JwksSnapshot}, read without locks on the hot path,
 *       and its age. A failed fetch keeps the last good keys, for at most {@code maxAge} after the
 *       last successful fetch ({@code oauth.jwks.max.age.seconds}; zero = no limit): past that,
 *       keys the IdP may have withdrawn meanwhile are no longer trusted ({@link #expired}).</li>
 *   <li>{@link JwksFetcher}: one daemon thread runs every fetch, every {@code refreshInterval} and
 *       on request; requests are single-flight (they join the fetch in flight or due). Requests
 *       that join a fetch already running get one follow-up fetch after it: its request may
 *       predate the rotation they are looking for.</li>
 *   <li>{@link RefreshPolicy}: on-demand fetches start at most once per {@code minPause}
 *       ({@code oauth.jwks.refresh.min.pause.seconds}), counted from the start of the previous
 *       fetch; a request inside the pause is deferred to its end. So a flood of tokens with made-up
 *       key ids costs the IdP at most one request per pause and costs the broker nothing but the
 *       refusals. The background schedule backs off after failures.</li>
 * </ul>
 * Only start-up ({@link #start()}, in {@code configure()}, not on a network thread) waits, bounded,
 * for the first fetch. Start-up does not fail when the IdP is down (unless {@code oauth.fail.fast},
 * decided by the caller): it logs an ERROR and keeps retrying with backoff.
 *
 * <p>One cache may serve several validators: see {@code JwksCacheRegistry}.
 */
public final class JwksCache implements AutoCloseable {

    /** Fetch outcomes, for metrics. */
    public interface Listener {
        Listener NONE = success -> {
        };

        void fetched(boolean success);
    }

    private final JwksSource source;
    private final Duration startWait;
    private final JwksHolder keys;
    private final JwksFetcher fetcher;
    private final JwksLog log;

    public JwksCache(JwksSource source, Duration refreshInterval, Duration minPause, Duration startWait) {
        this(source, refreshInterval, minPause, startWait, Duration.ZERO, Listener.NONE);
    }

    /**
     * @param startWait how long {@link #start()} waits for the first fetch: the HTTP connect plus read timeout
     * @param maxAge    how long the last good keys keep serving without a successful refresh; zero = no limit
     * @param listener  told of every fetch's outcome
     */
    public JwksCache(JwksSource source, Duration refreshInterval, Duration minPause, Duration startWait,
                     Duration maxAge, Listener listener) {
        this.source = Objects.requireNonNull(source, "source");
        this.startWait = startWait;
        this.keys = new JwksHolder(maxAge);
        this.log = new JwksLog(source);
        this.fetcher = new JwksFetcher(source, keys, new RefreshPolicy(refreshInterval, minPause), listener, log);
    }

    /**
     * The first fetch, waited for at most {@code startWait} so the first tokens after start-up can
     * be validated; then the background schedule. Never throws for an unreachable IdP.
     */
    public void start() {
        CompletableFuture<JwksSnapshot> first = fetcher.startSchedule();
        try {
            first.get(startWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.startTimedOut(startWait);
        } catch (ExecutionException e) {
            // logged by the fetcher; the schedule retries with backoff
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
     * Asks for a refresh because a token named a key that {@link #current()} lacks (or there are no
     * usable keys): joins the fetch in flight or due, or starts one, at the earliest one
     * {@code minPause} after the previous fetch started. Joining a fetch that is already running
     * also asks for one follow-up fetch after it, on the same terms. Never blocks.
     *
     * @return completes when that fetch ends (exceptionally if it fails or the cache closes). Only
     *         for tests and tools: a validation must not wait for it, which is the whole point.
     */
    public CompletionStage<JwksSnapshot> refreshInBackground() {
        return fetcher.onDemand();
    }

    /** Stops the refresh thread. A fetch blocked in IO ends with its own timeout. */
    @Override
    public void close() {
        fetcher.close();
    }
}
