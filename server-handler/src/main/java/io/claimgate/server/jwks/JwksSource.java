package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;

/**
 * Where a {@link JwksCache} gets its keys. One fetch per call, no retries and no caching: the
 * cache decides when to call and what to do on failure. {@link HttpJwksSource} fetches from a
 * configured URL or from the {@code jwks_uri} discovered from {@code oauth.issuer.uri}.
 */
public interface JwksSource {

    /** Fetches and parses the key set; blocks at most for the source's own timeouts. */
    JWKSet fetch() throws IOException;

    /** Where the keys come from, for log lines (a URL; never a secret). */
    String describe();
}
