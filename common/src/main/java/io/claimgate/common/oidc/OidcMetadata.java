package io.claimgate.common.oidc;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.AllowedUrls;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
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
public final class OidcMetadata {
    public static final String TOKEN_ENDPOINT = "token_endpoint";
    public static final String JWKS_URI = "jwks_uri";
    public static final String INTROSPECTION_ENDPOINT = "introspection_endpoint";

    private final URI documentUri;
    private final URI issuer;
    private final Map<String, Object> document;

    public OidcMetadata(URI documentUri, URI issuer, Map<String, Object> document) {
        this.documentUri = documentUri;
        this.issuer = issuer;
        this.document = Map.copyOf(document);
    }

    public URI documentUri() {
        return documentUri;
    }

    public URI issuer() {
        return issuer;
    }

    public Map<String, Object> document() {
        return document;
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
        if (value instanceof String) {
            try {
                endpoint = new URI((String) value);
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OidcMetadata)) {
            return false;
        }
        OidcMetadata other = (OidcMetadata) o;
        return Objects.equals(documentUri, other.documentUri) && Objects.equals(issuer, other.issuer)
                && document.equals(other.document);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentUri, issuer, document);
    }

    @Override
    public String toString() {
        return "OidcMetadata[documentUri=" + documentUri + ", issuer=" + issuer + ", document=" + document + "]";
    }
}
