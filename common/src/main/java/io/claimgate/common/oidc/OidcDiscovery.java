package io.claimgate.common.oidc;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * OpenID Connect Discovery 1.0 from {@code oauth.issuer.uri}: fetches
 * {@code <issuer>/.well-known/openid-configuration} and insists that the document's {@code issuer}
 * equals the configured one (OIDC Discovery §4.3), so a document served for another issuer (a
 * misconfigured proxy, a wrong realm) is refused rather than trusted. One request, no caching:
 * callers keep the result ({@link OidcMetadata}) as long as they need it.
 *
 * <p>Used by the client's login handler (token endpoint) and the broker's validator
 * ({@code jwks_uri}, {@code introspection_endpoint}).
 */
public final class OidcDiscovery {
    private OidcDiscovery() {
    }

    public static URI wellKnownUri(URI issuer) {
        String base = issuer.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/.well-known/openid-configuration");
    }

    /** Fetches and checks the document; blocks at most for the client's timeouts (and retries). */
    public static OidcMetadata discover(IdpHttpClient http, URI issuer) throws DiscoveryException {
        return discover(http, issuer, Duration.ofDays(365));
    }

    /** As {@link #discover(IdpHttpClient, URI)}, blocking at most {@code limit} when that is shorter. */
    public static OidcMetadata discover(IdpHttpClient http, URI issuer, Duration limit) throws DiscoveryException {
        URI document = wellKnownUri(issuer);
        IdpResponse response;
        try {
            response = http.get(document, Map.of(), limit);
        } catch (IOException e) {
            throw new DiscoveryException("OIDC discovery for " + OptionNames.ISSUER_URI + " " + issuer
                    + " failed: " + clean(e.getMessage()), e);
        }
        String where = "OIDC discovery document " + document;
        if (!response.isSuccess()) {
            throw new DiscoveryException(where + " answered HTTP " + response.status() + "; check "
                    + OptionNames.ISSUER_URI);
        }
        Map<String, Object> json;
        try {
            json = response.jsonObject();
        } catch (ParseException e) {
            throw new DiscoveryException(where + " is not a JSON object");
        }
        if (!issuer.toString().equals(json.get("issuer"))) {
            throw new DiscoveryException(where + " names issuer '" + clean(String.valueOf(json.get("issuer")))
                    + "', not the configured '" + issuer + "' (" + OptionNames.ISSUER_URI
                    + " must be exactly the IdP's issuer, trailing slash included)");
        }
        return new OidcMetadata(document, issuer, json);
    }

    /** Text from the network, fit for a log line: printable, one line, at most 200 characters. */
    static String clean(String text) {
        return text == null ? "" : Sanitizer.sanitize(text, 200);
    }
}
