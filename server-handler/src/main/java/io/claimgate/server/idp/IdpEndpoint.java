package io.claimgate.server.idp;

import io.claimgate.common.oidc.OidcMetadata;
import java.io.IOException;
import java.net.URI;

/**
 * One endpoint of an identity provider, configured or discovered: only ever a URL from the
 * configuration or from the configured issuer's discovery document, never one named by a token.
 */
public interface IdpEndpoint {

    /** The URL to call; for a discovered endpoint this may discover it first (bounded, rate-limited). */
    URI uri() throws IOException;

    /** As {@link #uri()}, discovering no longer than {@code budget} allows. */
    default URI uri(TimeBudget budget) throws IOException {
        return uri();
    }

    /** For log lines: the URL, or where it will be discovered. Never a secret. */
    String describe();

    static IdpEndpoint fixed(URI uri) {
        return new IdpEndpoint() {
            @Override
            public URI uri() {
                return uri;
            }

            @Override
            public String describe() {
                return uri.toString();
            }
        };
    }

    /**
     * The endpoint named {@code field} in {@code discovery}'s document.
     *
     * @param alternativeOption the option to set instead when the document lacks the field
     */
    static IdpEndpoint discovered(Discovery discovery, String field, String alternativeOption) {
        return new IdpEndpoint() {
            @Override
            public URI uri() throws IOException {
                return uri(TimeBudget.unlimited());
            }

            @Override
            public URI uri(TimeBudget budget) throws IOException {
                return discovery.resolve(budget).endpoint(field, alternativeOption);
            }

            @Override
            public String describe() {
                return discovery.current().flatMap(m -> {
                    try {
                        return m.optionalEndpoint(field);
                    } catch (IOException e) {
                        return java.util.Optional.empty();
                    }
                }).map(URI::toString).orElse(field + " of " + discovery.documentUri());
            }
        };
    }

    /** Field names of {@link OidcMetadata}, re-exported for callers of {@link #discovered}. */
    String JWKS_URI = OidcMetadata.JWKS_URI;
    String INTROSPECTION_ENDPOINT = OidcMetadata.INTROSPECTION_ENDPOINT;
}
