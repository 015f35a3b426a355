package io.claimgate.login;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.AllowedUrls;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Finds the token endpoint from {@code oauth.issuer.uri} with OpenID Connect Discovery 1.0:
 * {@code <issuer>/.well-known/openid-configuration}. The document's {@code issuer} must equal
 * the configured one (OIDC Discovery §4.3), so a document served for another issuer (a
 * misconfigured proxy, a wrong realm) is refused rather than trusted.
 */
final class OidcDiscovery {
    /** A discovery request carries no credential. */
    private static final List<String> NO_SECRETS = List.of();

    private OidcDiscovery() {
    }

    static URI wellKnownUri(URI issuer) {
        String base = issuer.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/.well-known/openid-configuration");
    }

    static URI tokenEndpoint(IdpHttpClient http, URI issuer) throws TokenRetrievalException {
        URI document = wellKnownUri(issuer);
        IdpResponse response;
        try {
            response = http.get(document, Map.of());
        } catch (IOException e) {
            throw new TokenRetrievalException("OIDC discovery for " + OptionNames.ISSUER_URI + " " + issuer
                    + " failed: " + SafeText.clean(e.getMessage(), 500, NO_SECRETS), e);
        }
        String where = "OIDC discovery document " + document;
        if (!response.isSuccess()) {
            throw new TokenRetrievalException(where + " answered HTTP " + response.status()
                    + "; check " + OptionNames.ISSUER_URI + " or set " + OptionNames.TOKEN_ENDPOINT_URI + " instead");
        }
        Map<String, Object> json;
        try {
            json = response.jsonObject();
        } catch (ParseException e) {
            throw new TokenRetrievalException(where + " is not a JSON object");
        }
        if (!(json.get("issuer") instanceof String found) || !found.equals(issuer.toString())) {
            throw new TokenRetrievalException(where + " names issuer '"
                    + SafeText.clean(String.valueOf(json.get("issuer")), 200, NO_SECRETS) + "', not the configured '"
                    + issuer + "' (" + OptionNames.ISSUER_URI + " must be exactly the IdP's issuer, trailing slash included)");
        }
        if (!(json.get("token_endpoint") instanceof String endpointText)) {
            throw new TokenRetrievalException(where + " has no token_endpoint; set " + OptionNames.TOKEN_ENDPOINT_URI);
        }
        URI endpoint;
        try {
            endpoint = new URI(endpointText);
        } catch (Exception e) {
            endpoint = null;
        }
        if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null
                || !("https".equalsIgnoreCase(endpoint.getScheme()) || "http".equalsIgnoreCase(endpoint.getScheme()))) {
            throw new TokenRetrievalException(where + " has a token_endpoint that is not an http(s) URL: '"
                    + SafeText.clean(endpointText, 200, NO_SECRETS) + "'");
        }
        try {
            AllowedUrls.check(OptionNames.ISSUER_URI, endpoint);
        } catch (InvalidOptionException e) {
            throw new TokenRetrievalException("the token endpoint discovered from " + document + ": " + e.getMessage());
        }
        return endpoint;
    }
}
