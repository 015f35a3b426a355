package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.idp.IdpEndpoint;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/** Fetches a JWKS document from the configured (or discovered) URL, never one named by a token. */
public final class HttpJwksSource implements JwksSource {
    private final IdpEndpoint endpoint;
    private final IdpHttpClient http;
    private final CircuitBreaker breaker;

    public HttpJwksSource(IdpEndpoint endpoint, IdpHttpClient http, CircuitBreaker breaker) {
        this.endpoint = endpoint;
        this.http = http;
        this.breaker = breaker;
    }

    @Override
    public JWKSet fetch() throws IOException {
        URI uri = endpoint.uri();   // discovery has its own retry pause
        return breaker.call(() -> fetch(uri));
    }

    private JWKSet fetch(URI uri) throws IOException {
        IdpResponse response = http.get(uri, Map.of());
        if (!response.isSuccess()) {
            throw new IOException("JWKS endpoint " + uri + " answered HTTP " + response.status());
        }
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            // The message of a JSON or key parse error describes the document, not a secret.
            throw new IOException("JWKS endpoint " + uri + " returned no valid JWK set: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }
}
