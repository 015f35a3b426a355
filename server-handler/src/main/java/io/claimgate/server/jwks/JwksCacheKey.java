package io.claimgate.server.jwks;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything that makes a {@link JwksCache} what it is: validators whose keys are equal share one
 * cache ({@link JwksCacheRegistry}), any difference gets its own. What only concerns what a
 * validator does with the keys (issuer, audience, algorithms, ...) is not part of it.
 *
 * @param jwksUri         the configured JWKS URL; empty = the {@code jwks_uri} discovered from {@code issuerUri}
 * @param issuerUri       where the JWKS URL is discovered; empty when {@code jwksUri} is set
 * @param connectTimeout  towards the IdP
 * @param readTimeout     towards the IdP
 * @param retries         HTTP retries of one fetch
 * @param tlsFingerprint  the TLS settings ({@code HttpSettings.tlsFingerprint}); empty = the JVM's
 * @param refreshInterval {@code oauth.jwks.refresh.seconds}
 * @param minPause        {@code oauth.jwks.refresh.min.pause.seconds}
 * @param maxAge          {@code oauth.jwks.max.age.seconds}
 * @param breakerFailures {@code oauth.circuit.breaker.failures} of the JWKS endpoint
 * @param breakerCooldown {@code oauth.circuit.breaker.cooldown.ms} of the JWKS endpoint
 * @param proxy           {@code oauth.http.proxy.uri} as host:port; empty = direct
 */
public record JwksCacheKey(Optional<URI> jwksUri, Optional<URI> issuerUri, Duration connectTimeout,
                           Duration readTimeout, int retries, String tlsFingerprint, Duration refreshInterval,
                           Duration minPause, Duration maxAge, int breakerFailures, Duration breakerCooldown,
                           Optional<String> proxy) {

    public JwksCacheKey {
        if (jwksUri.isEmpty() == issuerUri.isEmpty()) {
            throw new IllegalArgumentException("a JWKS cache needs exactly one of a JWKS URL and an issuer URL");
        }
    }

    /** Without the TLS fingerprint, which is derived from passwords. */
    @Override
    public String toString() {
        return "JwksCacheKey[" + jwksUri.map(URI::toString).orElseGet(() -> "jwks_uri of " + issuerUri.orElseThrow())
                + ", timeouts=" + connectTimeout.toMillis() + "+" + readTimeout.toMillis() + " ms, retries=" + retries
                + ", tls=" + (tlsFingerprint.isEmpty() ? "JVM default" : "configured") + ", refresh="
                + refreshInterval.toSeconds() + " s, minPause=" + minPause.toSeconds() + " s, maxAge="
                + maxAge.toSeconds() + " s, breaker=" + breakerFailures + "/" + breakerCooldown.toMillis() + " ms"
                + proxy.map(p -> ", proxy=" + p).orElse("") + "]";
    }
}
