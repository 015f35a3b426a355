package io.claimgate.server.jwks;

import io.claimgate.common.http.HttpSettings;
import io.claimgate.server.idp.BreakerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the signing keys of one issuer come from, how and how often: everything that makes a
 * {@link JwksCache} what it is, and so also the key of the {@link JwksCacheRegistry}: validators
 * with equal specs share one cache, any difference gets its own. What only concerns what a
 * validator does with the keys (issuer, audience, algorithms, ...) is not part of it.
 *
 * <p>Equality compares the HTTP settings by what a fetch depends on: timeouts, retries, the TLS
 * settings by their {@link HttpSettings#tlsFingerprint() fingerprint} (an {@code SSLContext} is
 * equal only to itself, though two readings of the same stores are the same trust) and the proxy.
 *
 * @param jwksUri         {@code oauth.jwks.endpoint.uri}; empty = the {@code jwks_uri} discovered from {@code discoverFrom}
 * @param discoverFrom    {@code oauth.issuer.uri} when {@code jwksUri} is empty; else empty
 * @param http            towards the IdP
 * @param refreshInterval {@code oauth.jwks.refresh.seconds}
 * @param minPause        {@code oauth.jwks.refresh.min.pause.seconds}
 * @param maxAge          {@code oauth.jwks.max.age.seconds}; zero = no limit
 * @param breaker         the circuit breaker of the JWKS endpoint
 */
public record JwksSpec(Optional<URI> jwksUri, Optional<URI> discoverFrom, HttpSettings http, Duration refreshInterval,
                       Duration minPause, Duration maxAge, BreakerSettings breaker) {

    public JwksSpec {
        if (jwksUri.isEmpty() == discoverFrom.isEmpty()) {
            throw new IllegalArgumentException("a JWKS cache needs exactly one of a JWKS URL and an issuer URL");
        }
    }

    /** How long the first fetch may take: the HTTP connect plus read timeout. */
    public Duration startWait() {
        return http.connectTimeout().plus(http.readTimeout());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwksSpec that && jwksUri.equals(that.jwksUri) && discoverFrom.equals(that.discoverFrom)
                && http.connectTimeout().equals(that.http.connectTimeout())
                && http.readTimeout().equals(that.http.readTimeout()) && http.retries() == that.http.retries()
                && http.tlsFingerprint().equals(that.http.tlsFingerprint()) && http.proxy().equals(that.http.proxy())
                && refreshInterval.equals(that.refreshInterval) && minPause.equals(that.minPause)
                && maxAge.equals(that.maxAge) && breaker.equals(that.breaker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jwksUri, discoverFrom, http.connectTimeout(), http.readTimeout(), http.retries(),
                http.tlsFingerprint(), http.proxy(), refreshInterval, minPause, maxAge, breaker);
    }

    /** Without the TLS fingerprint, which is derived from passwords. */
    @Override
    public String toString() {
        return "JwksSpec[" + jwksUri.map(URI::toString).orElseGet(() -> "jwks_uri of " + discoverFrom.orElseThrow())
                + ", timeouts=" + http.connectTimeout().toMillis() + "+" + http.readTimeout().toMillis() + " ms, retries="
                + http.retries() + ", tls=" + (http.tlsFingerprint().isEmpty() ? "JVM default" : "configured")
                + ", refresh=" + refreshInterval.toSeconds() + " s, minPause=" + minPause.toSeconds() + " s, maxAge="
                + maxAge.toSeconds() + " s, breaker=" + breaker.failures() + "/" + breaker.cooldown().toMillis() + " ms"
                + http.proxy().map(p -> ", proxy=" + p.getHostString() + ":" + p.getPort()).orElse("") + "]";
    }
}
