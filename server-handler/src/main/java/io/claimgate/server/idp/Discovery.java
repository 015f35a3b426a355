package io.claimgate.server.idp;

import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.oidc.DiscoveryException;
import io.claimgate.common.oidc.OidcDiscovery;
import io.claimgate.common.oidc.OidcMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OIDC discovery document of one issuer ({@code oauth.issuer.uri}), fetched on first need and
 * then kept for the life of the validator: endpoints do not move, and re-discovering would add
 * calls to the IdP. Until it succeeds, each need retries it, at most once per {@code retryPause}:
 * inside the pause the last failure is reported at once, without a network call, so a down IdP
 * cannot make every caller wait out the timeouts. Thread-safe.
 */
public final class Discovery {
    private static final Logger log = LoggerFactory.getLogger(Discovery.class);

    private final URI issuer;
    private final IdpHttpClient http;
    private final long retryPauseNanos;
    private volatile OidcMetadata metadata;
    private DiscoveryException lastFailure;   // guarded by this
    private long lastFailureNanos;            // guarded by this

    public Discovery(URI issuer, IdpHttpClient http, Duration retryPause) {
        this.issuer = issuer;
        this.http = http;
        this.retryPauseNanos = retryPause.toNanos();
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
        OidcMetadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata != null) {
                return metadata;
            }
            if (lastFailure != null && System.nanoTime() - lastFailureNanos < retryPauseNanos) {
                throw new DiscoveryException(lastFailure.getMessage() + " (not retried yet)", lastFailure);
            }
            try {
                metadata = OidcDiscovery.discover(http, issuer);
                lastFailure = null;
                log.info("claimgate discovered the endpoints of issuer {} from {}", issuer, documentUri());
                return metadata;
            } catch (DiscoveryException e) {
                lastFailure = e;
                lastFailureNanos = System.nanoTime();
                throw e;
            }
        }
    }
}
