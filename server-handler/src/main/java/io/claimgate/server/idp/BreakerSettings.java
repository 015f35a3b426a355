package io.claimgate.server.idp;

import java.time.Duration;

/**
 * How the {@link CircuitBreaker} of each endpoint of one IdP behaves.
 *
 * @param failures consecutive failures that open an endpoint's breaker ({@code oauth.circuit.breaker.failures})
 * @param cooldown how long it then fails calls fast before one probe ({@code oauth.circuit.breaker.cooldown.ms})
 */
public record BreakerSettings(int failures, Duration cooldown) {

    /** A breaker with these settings; {@code name} says which endpoint of which issuer, for its log lines. */
    public CircuitBreaker create(String name) {
        return new CircuitBreaker(name, failures, cooldown);
    }
}
