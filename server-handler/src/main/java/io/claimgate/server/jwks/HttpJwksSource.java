package io.claimgate.server.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/** Fetches a JWKS document from one configured URL (never one named by a token). */
public final class HttpJwksSource implements JwksSource {
    private final URI uri;
    private final IdpHttpClient http;

    public HttpJwksSource(URI uri, IdpHttpClient http) {
        this.uri = uri;
        this.http = http;
    }

    @Override
    public JWKSet fetch() throws IOException {
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
        return uri.toString();
    }
}
