package io.claimgate.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * The embedded IdP's registered clients, and the token callback that mock-oauth2-server asks for
 * every token it issues at the token endpoint of our issuer.
 *
 * <p>mock-oauth2-server takes the first callback of {@code OAuth2Config.tokenCallbacks} whose
 * {@code issuerId()} matches the request path; its built-in {@code DefaultOAuth2TokenCallback}
 * knows no clients and puts the requested scope into {@code aud}. This one decides per client:
 * unknown clients and wrong secrets get {@code invalid_client} (HTTP 401, thrown as
 * {@link OAuth2Exception}, which the mock turns into an OAuth error response), claims come from the
 * client's registration. Thread-safe: registrations are immutable values in a concurrent map.
 */
final class IdpClients implements OAuth2TokenCallback {

    /** One registered client; {@code secret == null} accepts any secret (and none). */
    record Client(String clientId, String secret, Map<String, Object> claims) {
        Client {
            Objects.requireNonNull(clientId, "clientId");
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }
    }

    private final String issuerId;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private volatile List<String> defaultAudience;
    private volatile Duration tokenLifetime;

    IdpClients(String issuerId, List<String> defaultAudience, Duration tokenLifetime) {
        this.issuerId = issuerId;
        this.defaultAudience = List.copyOf(defaultAudience);
        this.tokenLifetime = tokenLifetime;
    }

    void register(Client client) {
        clients.put(client.clientId(), client);
    }

    Client client(String clientId) {
        Client client = clients.get(clientId);
        if (client == null) {
            throw new IllegalArgumentException("no client " + clientId + " registered at the embedded IdP");
        }
        return client;
    }

    void defaultAudience(List<String> audience) {
        this.defaultAudience = List.copyOf(audience);
    }

    List<String> defaultAudience() {
        return defaultAudience;
    }

    void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    int tokenRequests(String clientId) {
        AtomicInteger count = tokenRequests.get(clientId);
        return count == null ? 0 : count.get();
    }

    /**
     * Claims a token for this client carries besides the registered ones: {@code client_id}, and
     * {@code scope} when requested (Keycloak's format: space-separated string). The registration's
     * claims come last and may override both (and {@code sub}, {@code aud}).
     */
    Map<String, Object> claimsFor(Client client, Scope requestedScope) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("client_id", client.clientId());
        if (requestedScope != null && !requestedScope.isEmpty()) {
            claims.put("scope", requestedScope.toString());
        }
        claims.putAll(client.claims());
        return claims;
    }

    /** {@code aud} of a token: the registration's {@code aud} claim, else the IdP's default audience. */
    List<String> audienceFor(Client client) {
        Object aud = client.claims().get("aud");
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return defaultAudience;
    }

    /** {@code sub} of a token: the registration's {@code sub} claim, else the client id. */
    static String subjectFor(Client client) {
        Object sub = client.claims().get("sub");
        return sub instanceof String s ? s : client.clientId();
    }

    // ---- OAuth2TokenCallback: called by mock-oauth2-server for each token-endpoint request ----

    @Override
    public String issuerId() {
        return issuerId;
    }

    /** Called first for every token: authenticates the client (the mock itself checks nothing). */
    @Override
    public String subject(TokenRequest request) {
        return subjectFor(authenticate(request));
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return JOSEObjectType.JWT.getType();
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return audienceFor(clientOf(request));
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        Map<String, Object> claims = claimsFor(clientOf(request), request.getScope());
        claims.remove("sub");
        claims.remove("aud");
        return claims;
    }

    @Override
    public long tokenExpiry() {
        return tokenLifetime.toSeconds();
    }

    private Client authenticate(TokenRequest request) {
        String clientId = clientIdOf(request);
        tokenRequests.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
        Client client = clients.get(clientId);
        if (client == null) {
            throw invalidClient("unknown client " + clientId);
        }
        if (client.secret() == null) {
            return client;
        }
        ClientAuthentication auth = request.getClientAuthentication();
        if (auth instanceof PlainClientSecret plain) {
            if (!client.secret().equals(plain.getClientSecret().getValue())) {
                throw invalidClient("wrong client secret for " + clientId);
            }
            return client;
        }
        if (auth instanceof JWTAuthentication) {
            // private_key_jwt / client_secret_jwt: parsed (and iss/sub checked) by Nimbus, signature not verified.
            return client;
        }
        throw invalidClient("client " + clientId + " must authenticate (client_secret_basic or client_secret_post)");
    }

    private Client clientOf(TokenRequest request) {
        return client(clientIdOf(request));
    }

    private static String clientIdOf(TokenRequest request) {
        ClientAuthentication auth = request.getClientAuthentication();
        if (auth != null) {
            return auth.getClientID().getValue();
        }
        if (request.getClientID() != null) {
            return request.getClientID().getValue();
        }
        throw invalidClient("no client_id in the token request");
    }

    private static OAuth2Exception invalidClient(String message) {
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription(message), message);
    }
}
