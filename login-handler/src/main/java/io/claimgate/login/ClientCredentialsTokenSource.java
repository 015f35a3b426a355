package io.claimgate.login;

import io.claimgate.common.http.HttpSettings;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.oidc.DiscoveryException;
import io.claimgate.common.oidc.OidcDiscovery;
import io.claimgate.common.oidc.OidcMetadata;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gets tokens with the OAuth 2.0 client credentials grant (RFC 6749 §4.4), or the jwt-bearer
 * grant (RFC 7523 §2.1) with an assertion re-read from its file for every request, from the
 * configured or discovered token endpoint. Transient failures (IO errors, 5xx, 429) are retried with backoff by
 * {@link IdpHttpClient}; a 4xx answer is final, since asking again would get the same answer.
 * Thread-safe: the discovered endpoint is the only state, set once.
 */
final class ClientCredentialsTokenSource implements TokenSource {
    private final LoginOptions.Endpoint options;
    private final IdpHttpClient http;
    private final Clock clock;
    /** The token endpoint: configured, or discovered on the first call and kept. */
    private volatile URI endpoint;

    ClientCredentialsTokenSource(LoginOptions.Endpoint options, HttpSettings settings, Clock clock) {
        this.options = options;
        this.http = new IdpHttpClient(settings);
        this.clock = clock;
        this.endpoint = options.tokenEndpoint().orElse(null);
    }

    @Override
    public ClientAccessToken token() throws TokenRetrievalException {
        URI uri = endpoint();
        // Everything credential-like sent in any attempt: none of it may be quoted back.
        List<String> secrets = new ArrayList<>();
        Instant[] sentAt = {clock.instant()};
        IdpResponse response;
        // Read once per token request (not per retry): a file mid-rotation is read again next time.
        String assertion = options.assertion().isPresent() ? options.assertion().get().read() : null;
        if (assertion != null) {
            secrets.add(assertion);
            secrets.add(IdpHttpClient.encode(assertion));
        }
        try {
            // Filled anew for each attempt, so a retry carries a fresh client assertion (new jti).
            response = http.postForm(uri, (form, headers) -> {
                sentAt[0] = clock.instant();
                form.put("grant_type", options.grant().wireValue());
                if (assertion != null) {
                    form.put("assertion", assertion);
                }
                options.scope().ifPresent(scope -> form.put("scope", scope));
                // Auth0 and Okta custom servers read "audience"; RFC 8707 IdPs want "resource"
                // instead, Entra ID wants the audience in the scope (api://<app>/.default).
                options.audience().ifPresent(audience -> form.put("audience", audience));
                options.authentication().addTo(options.clientId(), uri, sentAt[0], form, headers);
                secrets.addAll(secretsOf(form, headers));
            });
        } catch (TokenRetrievalException e) {
            throw e;
        } catch (IOException e) {
            throw new TokenRetrievalException("could not get an access token from token endpoint " + uri + ": "
                    + SafeText.clean(e.getMessage(), 500, secrets) + connectHint(e), TokenFailureReason.UNREACHABLE, e);
        }
        return TokenResponses.token(uri, response, sentAt[0], options.clientId(), options.scope(), secrets);
    }

    @Override
    public String describe() {
        URI uri = endpoint;
        return uri != null ? "token endpoint " + uri : "token endpoint of issuer " + options.issuer().orElseThrow();
    }

    private URI endpoint() throws TokenRetrievalException {
        URI uri = endpoint;
        if (uri == null) {
            synchronized (this) {
                // Kept once found: a token endpoint does not move, and rediscovering on every
                // refresh would double the calls to the IdP.
                if (endpoint == null) {
                    endpoint = discoverTokenEndpoint();
                }
                uri = endpoint;
            }
        }
        return uri;
    }

    private URI discoverTokenEndpoint() throws TokenRetrievalException {
        try {
            return OidcDiscovery.discover(http, options.issuer().orElseThrow())
                    .endpoint(OidcMetadata.TOKEN_ENDPOINT, OptionNames.TOKEN_ENDPOINT_URI);
        } catch (DiscoveryException e) {
            throw new TokenRetrievalException(e.getMessage(), TokenFailureReason.DISCOVERY, e);
        }
    }

    /** The JDK's ConnectException usually has no message: say what it means. */
    private static String connectHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return " (connection refused or host unreachable: is the IdP up, and are host and port right?)";
            }
        }
        return "";
    }

    /** What must never be quoted back: the credential, as configured and as sent. */
    private List<String> secretsOf(Map<String, String> form, Map<String, String> headers) {
        List<String> secrets = new ArrayList<>();
        if (options.authentication() instanceof ClientAuthentication.ClientSecret) {
            String secret = ((ClientAuthentication.ClientSecret) options.authentication()).secret();
            secrets.add(secret);
            secrets.add(IdpHttpClient.encode(secret));
        }
        for (String name : List.of("client_secret", "client_assertion")) {
            if (form.containsKey(name)) {
                secrets.add(form.get(name));
                secrets.add(IdpHttpClient.encode(form.get(name)));
            }
        }
        String authorization = headers.get("Authorization");
        if (authorization != null) {
            secrets.add(authorization.substring(authorization.indexOf(' ') + 1));
        }
        return secrets;
    }
}
