package io.claimgate.common.oidc;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.AllowedUrls;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A discovery document whose {@code issuer} matched the configured one. Endpoints are read from it
 * only when asked for, and checked then: an absolute http(s) URL, {@code https} when the issuer is
 * (a document must not downgrade the secrets and tokens sent to its endpoints to plain text), and
 * on Kafka's allow-list ({@link AllowedUrls}) when that is set. Other hosts than the issuer's are
 * allowed: real IdPs use them (Google's token endpoint is not on accounts.google.com). So a document naming, say, an introspection endpoint that
 * is not allowed does not matter to a client that only needs the token endpoint.
 *
 * @param documentUri where the document was fetched
 * @param issuer      the configured issuer, which the document's {@code issuer} equals
 * @param document    the whole JSON document
 */
public record OidcMetadata(URI documentUri, URI issuer, Map<String, Object> document) {
    public static final String TOKEN_ENDPOINT = "token_endpoint";
    public static final String JWKS_URI = "jwks_uri";
    public static final String INTROSPECTION_ENDPOINT = "introspection_endpoint";

    public OidcMetadata {
        document = Map.copyOf(document);
    }

    /**
     * The endpoint named by {@code field}; fails if the document lacks it, saying to set
     * {@code alternativeOption} instead.
     */
    public URI endpoint(String field, String alternativeOption) throws DiscoveryException {
        return optionalEndpoint(field).orElseThrow(() -> new DiscoveryException(where() + " has no " + field
                + "; set " + alternativeOption));
    }

    /** The endpoint named by {@code field}, or empty if absent; a present but unusable one fails. */
    public Optional<URI> optionalEndpoint(String field) throws DiscoveryException {
        Object value = document.get(field);
        if (value == null) {
            return Optional.empty();
        }
        URI endpoint = null;
        if (value instanceof String text) {
            try {
                endpoint = new URI(text);
            } catch (Exception e) {
                endpoint = null;
            }
        }
        if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null
                || !("https".equalsIgnoreCase(endpoint.getScheme()) || "http".equalsIgnoreCase(endpoint.getScheme()))) {
            throw new DiscoveryException(where() + " has a " + field + " that is not an http(s) URL: '"
                    + OidcDiscovery.clean(String.valueOf(value)) + "'");
        }
        if ("https".equalsIgnoreCase(issuer.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new DiscoveryException(where() + " has a plain-http " + field + " '" + endpoint
                    + "' for the https issuer " + issuer + "; refused, credentials and tokens would travel unencrypted");
        }
        try {
            AllowedUrls.check(OptionNames.ISSUER_URI, endpoint);
        } catch (InvalidOptionException e) {
            throw new DiscoveryException("the " + field + " discovered from " + documentUri + ": " + e.getMessage());
        }
        return Optional.of(endpoint);
    }

    private String where() {
        return "OIDC discovery document " + documentUri;
    }
}
