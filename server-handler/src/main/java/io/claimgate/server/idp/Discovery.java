package io.claimgate.server.idp;

import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.oidc.DiscoveryException;
import io.claimgate.common.oidc.OidcDiscovery;
import io.claimgate.common.oidc.OidcMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OIDC discovery document of one issuer ({@code oauth.issuer.uri}), fetched on first need and
 * then kept for the life of the validator: endpoints do not move, and re-discovering would add
 * calls to the IdP. Thread-safe; no lock is held during a request.
 *
 * <p>Single-flight: one caller at a time asks the IdP. The others wait for its answer, at most
 * {@code maxWait} and never past their own {@link TimeBudget}, only while the IdP is not known to
 * be failing: once an attempt has failed,
 * callers get the last failure at once, both during the {@code retryPause} after it (no request)
 * and while the one caller after the pause retries. A down or hanging IdP thus costs one
 * caller per pause the request's timeouts, never every broker network thread.
 */
public final class Discovery {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);

    private final URI issuer;
    private final IdpHttpClient http;
    private final long retryPauseNanos;
    private final long maxWaitNanos;
    private final Object lock = new Object();
    private volatile OidcMetadata metadata;
    private CompletableFuture<OidcMetadata> inFlight;   // guarded by lock
    private DiscoveryException lastFailure;             // guarded by lock
    private long lastFailureNanos;                      // guarded by lock

    /**
     * @param retryPause how long after a failed attempt callers get that failure without a new request
     * @param maxWait    how long a caller waits for another's attempt (the request's timeouts)
     */
    public Discovery(URI issuer, IdpHttpClient http, Duration retryPause, Duration maxWait) {
        this.issuer = issuer;
        this.http = http;
        this.retryPauseNanos = retryPause.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    public URI documentUri() {
        return OidcDiscovery.wellKnownUri(issuer);
    }

    /** The document, if discovery has succeeded. Never blocks. */
    public Optional<OidcMetadata> current() {
        return Optional.ofNullable(metadata);
    }

    /** The document, discovering it now if needed; blocks at most for one request's timeouts. */
    public OidcMetadata resolve() throws DiscoveryException {
        return resolve(TimeBudget.unlimited());
    }

    /** As {@link #resolve()}, waiting (for its own request or another caller's) no longer than {@code budget} allows. */
    public OidcMetadata resolve(TimeBudget budget) throws DiscoveryException {
        OidcMetadata known = metadata;
        if (known != null) {
            return known;
        }
        if (budget.exhausted()) {
            throw new DiscoveryException(budget.exhaustedWhile("OIDC discovery from " + documentUri()));
        }
        CompletableFuture<OidcMetadata> attempt;
        boolean leader = false;
        synchronized (lock) {
            if (metadata != null) {
                return metadata;
            }
            if (lastFailure != null && (inFlight != null || System.nanoTime() - lastFailureNanos < retryPauseNanos)) {
                throw new DiscoveryException(lastFailure.getMessage()
                        + (inFlight != null ? " (a retry is in flight)" : " (not retried yet)"), lastFailure);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            attempt = inFlight;
        }
        return leader ? discover(attempt, budget) : await(attempt, budget);
    }

    /** The one request in flight, made without holding the lock. */
    private OidcMetadata discover(CompletableFuture<OidcMetadata> attempt, TimeBudget budget)
            throws DiscoveryException {
        OidcMetadata found;
        try {
            found = OidcDiscovery.discover(http, issuer, budget.remaining());
        } catch (DiscoveryException e) {
            synchronized (lock) {
                lastFailure = e;
                lastFailureNanos = System.nanoTime();
                inFlight = null;
            }
            attempt.completeExceptionally(e);
            throw e;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                inFlight = null;   // never leave a dead attempt for others to wait on
            }
            attempt.completeExceptionally(e);
            throw e;
        }
        synchronized (lock) {
            metadata = found;
            lastFailure = null;
            inFlight = null;
        }
        log.info("claimgate discovered the endpoints of issuer {} from {}", issuer, documentUri());
        attempt.complete(found);
        return found;
    }

    private OidcMetadata await(CompletableFuture<OidcMetadata> attempt, TimeBudget budget) throws DiscoveryException {
        long waitNanos = budget.cap(Duration.ofNanos(maxWaitNanos)).toNanos();
        try {
            return attempt.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new DiscoveryException(cause instanceof DiscoveryException ? cause.getMessage()
                    : "discovery from " + documentUri() + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new DiscoveryException("discovery from " + documentUri() + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while waiting for discovery from " + documentUri(), e);
        }
    }
}
