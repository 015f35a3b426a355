package io.claimgate.server.jwks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last good keys of a {@link JwksCache} and what the last fetch did. Network threads read it
 * without locks; only the refresh thread writes it.
 */
final class JwksHolder {
    private final Duration maxAge;
    private final long createdNanos = System.nanoTime();
    private final AtomicReference<JwksSnapshot> current = new AtomicReference<>(JwksSnapshot.NONE);
    private volatile boolean lastFetchFailed;
    private volatile String lastFailure;

    /** @param maxAge how long the last good keys keep serving without a successful refresh; zero = no limit */
    JwksHolder(Duration maxAge) {
        this.maxAge = maxAge;
    }

    JwksSnapshot current() {
        return current.get();
    }

    Duration maxAge() {
        return maxAge;
    }

    /** Past the maximum age, keys the IdP may have withdrawn meanwhile are no longer trusted. */
    boolean expired(JwksSnapshot snapshot) {
        return !maxAge.isZero() && snapshot.loaded() && snapshot.fetchedAt().plus(maxAge).isBefore(Instant.now());
    }

    boolean lastFetchFailed() {
        return lastFetchFailed;
    }

    Optional<String> lastFailure() {
        return lastFetchFailed ? Optional.ofNullable(lastFailure) : Optional.empty();
    }

    double secondsSinceLastSuccess() {
        JwksSnapshot snapshot = current.get();
        if (!snapshot.loaded()) {
            return (System.nanoTime() - createdNanos) / 1e9;
        }
        return Duration.between(snapshot.fetchedAt(), Instant.now()).toMillis() / 1000.0;
    }

    void succeeded(JwksSnapshot fresh) {
        lastFailure = null;
        lastFetchFailed = false;
        current.set(fresh);
    }

    void failed(Exception failure) {
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        lastFetchFailed = true;
    }
}
