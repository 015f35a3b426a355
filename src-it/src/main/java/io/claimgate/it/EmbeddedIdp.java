package io.claimgate.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * An OAuth 2.0 / OIDC identity provider on 127.0.0.1 (a random free port), built on
 * mock-oauth2-server 6.0.2, with one issuer ({@value #DEFAULT_ISSUER_ID} unless set) and
 * registered clients.
 *
 * <p>Client credentials: {@value #CLIENT1}/{@value #CLIENT1_SECRET} and
 * {@value #CLIENT2}/{@value #CLIENT2_SECRET} are registered by default. Secrets are checked for
 * client_secret_basic and client_secret_post (wrong secret or unknown client: HTTP 401
 * {@code invalid_client}); a client registered with a {@code null} secret accepts any; a
 * private_key_jwt assertion is accepted without checking its signature.
 *
 * <p>Access tokens (RS256 JWT, header {@code kid}, {@code typ: JWT}) carry {@code iss}
 * ({@link #issuerUri()}), {@code sub} (the client id), {@code aud} (the IdP's audience,
 * {@value #DEFAULT_AUDIENCE} by default), {@code client_id}, {@code iat}, {@code nbf},
 * {@code exp} (now + token lifetime, 1 h by default), {@code jti}, {@code scope} when the request
 * asked for one, and the client's registered claims, which may override any of these. Note that
 * mock-oauth2-server derives {@code iss} from the URL the client called: use the URIs given here
 * (127.0.0.1, never "localhost").
 *
 * <p>Key rotation: {@link #rotateKey()} (see {@link RotatingKeyProvider} for why and how).
 * Thread-safe.
 */
public final class EmbeddedIdp implements AutoCloseable {

    public static final String DEFAULT_ISSUER_ID = "claimgate";
    public static final String DEFAULT_AUDIENCE = "kafka";
    public static final String CLIENT1 = "client1";
    public static final String CLIENT1_SECRET = "client1-secret";
    public static final String CLIENT2 = "client2";
    public static final String CLIENT2_SECRET = "client2-secret";

    /** okhttp's MockWebServer logs every request at INFO through java.util.logging; keep a strong ref. */
    private static final java.util.logging.Logger MOCK_WEB_SERVER_LOG = quietMockWebServerLog();

    private final String issuerId;
    private final RotatingKeyProvider keys;
    private final IdpClients clients;
    private final MockOAuth2Server server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final String baseUri;

    private EmbeddedIdp(Builder b) {
        this.issuerId = b.issuerId;
        this.keys = new RotatingKeyProvider(b.issuerId + "-key");
        this.clients = new IdpClients(b.issuerId, b.audience, b.tokenLifetime);
        b.clients.forEach(clients::register);
        // Our JWKS route comes before the built-in routes, so it wins for <issuer>/jwks.
        Route jwks = OAuth2HttpRouterKt.get("/" + b.issuerId + "/jwks", request -> {
            jwksRequests.incrementAndGet();
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json;charset=UTF-8"), 200,
                    keys.publicJwkSet().toString(), null);
        });
        OAuth2Config config = new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys), Set.of(clients));
        this.server = new MockOAuth2Server(config, jwks);
        try {
            // getByAddress keeps "127.0.0.1" as the host name, so the mock's own URLs never say "localhost".
            server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        this.baseUri = "http://127.0.0.1:" + server.baseUrl().port();
    }

    /** An IdP with the defaults: issuer {@value #DEFAULT_ISSUER_ID}, audience {@value #DEFAULT_AUDIENCE}, client1, client2. */
    public static EmbeddedIdp start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String issuerId() {
        return issuerId;
    }

    public int port() {
        return server.baseUrl().port();
    }

    /** {@code http://127.0.0.1:<port>/<issuerId>}, the {@code iss} of every token. */
    public String issuerUri() {
        return baseUri + "/" + issuerId;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/token";
    }

    public String jwksUri() {
        return issuerUri() + "/jwks";
    }

    /** OIDC discovery: {@code <issuer>/.well-known/openid-configuration}. */
    public String discoveryUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }

    /** RFC 8414 metadata: {@code <issuer>/.well-known/oauth-authorization-server}. */
    public String authorizationServerMetadataUri() {
        return issuerUri() + "/.well-known/oauth-authorization-server";
    }

    public String introspectionEndpoint() {
        return issuerUri() + "/introspect";
    }

    /**
     * The comma-separated list of this IdP's URLs for the system property
     * {@code org.apache.kafka.sasl.oauthbearer.allowed.urls}, which Kafka 4 checks (exact match)
     * before it calls a token or JWKS URL, in clients and brokers alike.
     */
    public String allowedUrls() {
        return String.join(",", tokenEndpoint(), jwksUri(), discoveryUri(), authorizationServerMetadataUri(),
                introspectionEndpoint());
    }

    /** Registers (or replaces) a client; {@code secret == null} accepts any secret. */
    public void registerClient(String clientId, String secret, Map<String, ?> claims) {
        clients.register(new IdpClients.Client(clientId, secret, new LinkedHashMap<>(claims)));
    }

    /**
     * Replaces a registered client's extra claims (e.g. {@code groups}, {@code scope},
     * {@code topics}); {@code aud} and {@code sub} here override the defaults. Applies to tokens
     * issued from now on.
     */
    public void setClientClaims(String clientId, Map<String, ?> claims) {
        IdpClients.Client client = clients.client(clientId);
        registerClient(clientId, client.secret(), claims);
    }

    /** The {@code aud} of tokens for clients that do not override it. */
    public void setAudience(String... audience) {
        clients.defaultAudience(List.of(audience));
    }

    /** Lifetime of tokens from the token endpoint (whole seconds), from now on. */
    public void setTokenLifetime(Duration lifetime) {
        clients.tokenLifetime(Objects.requireNonNull(lifetime));
    }

    /**
     * A token as the token endpoint would issue it to {@code clientId}, plus {@code extraClaims}
     * (which override anything), valid for {@code lifetime} from now; a negative lifetime gives an
     * already expired token ({@code iat} and {@code nbf} then lie 5 minutes before {@code exp}).
     * Signed with the current key.
     */
    public String issueToken(String clientId, Map<String, ?> extraClaims, Duration lifetime) {
        return sign(tokenClaims(clientId, extraClaims, lifetime), keys.current());
    }

    /** {@link #issueToken(String, Map, Duration)} with no extra claims and the IdP's token lifetime. */
    public String issueToken(String clientId) {
        return issueToken(clientId, Map.of(), clients.tokenLifetime());
    }

    /**
     * Like {@link #issueToken(String, Map, Duration)}, but signed by a key the IdP never published,
     * under the current key's kid: a token with a bad signature.
     */
    public String issueForgedToken(String clientId, Map<String, ?> extraClaims, Duration lifetime) {
        return sign(tokenClaims(clientId, extraClaims, lifetime), RotatingKeyProvider.newKey(keys.current().getKeyID(), keys.algorithm()));
    }

    /**
     * A token as {@link #issueToken(String)} would issue it to {@code clientId}, but signed by
     * {@code key} under {@code key}'s kid and algorithm: with a key the IdP never published and a kid
     * it never used, the token an attacker forges to make a validator look the kid up.
     */
    public String issueTokenSignedBy(String clientId, JWK key) {
        return sign(tokenClaims(clientId, Map.of(), clients.tokenLifetime()), key);
    }

    /** Exactly {@code claims} (nothing added), signed with the current key. Instants/Dates become epoch seconds. */
    public String sign(Map<String, ?> claims) {
        return sign(claims, keys.current());
    }

    /**
     * Rotates the signing key: tokens are signed with a new key of the same algorithm (new kid) from now on; the JWKS
     * endpoint publishes the new key first and keeps the old ones until {@link #unpublishRetiredKeys()}.
     * Returns the new kid.
     */
    public String rotateKey() {
        return keys.rotate();
    }

    /**
     * Like {@link #rotateKey()}, with a new key for {@code algorithm} ({@code RS256} or
     * {@code ES256}): tokens from the token endpoint and {@link #issueToken} are signed with it from now on.
     */
    public String rotateKey(JWSAlgorithm algorithm) {
        return keys.rotate(algorithm);
    }

    /** The JWKS endpoint publishes only the current key from now on. */
    public void unpublishRetiredKeys() {
        keys.unpublishRetired();
    }

    public String currentKeyId() {
        return keys.current().getKeyID();
    }

    /** kids the JWKS endpoint publishes, newest first. */
    public List<String> publishedKeyIds() {
        return keys.publishedKeyIds();
    }

    /** Token-endpoint requests naming {@code clientId} so far (including rejected ones). */
    public int tokenRequestCount(String clientId) {
        return clients.tokenRequests(clientId);
    }

    /** Requests to the JWKS endpoint so far. */
    public int jwksRequestCount() {
        return jwksRequests.get();
    }

    /** The underlying mock server, for what this class does not cover. */
    public MockOAuth2Server server() {
        return server;
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private Map<String, Object> tokenClaims(String clientId, Map<String, ?> extraClaims, Duration lifetime) {
        IdpClients.Client client = clients.client(clientId);
        Instant now = Instant.now();
        Instant exp = now.plus(lifetime);
        Instant iat = lifetime.isNegative() ? exp.minus(Duration.ofMinutes(5)) : now;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuerUri());
        claims.put("sub", IdpClients.subjectFor(client));
        List<String> aud = clients.audienceFor(client);
        claims.put("aud", aud.size() == 1 ? aud.get(0) : aud);
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", exp);
        claims.put("jti", UUID.randomUUID().toString());
        claims.putAll(clients.claimsFor(client, null));
        claims.putAll(extraClaims);
        return claims;
    }

    private static String sign(Map<String, ?> claims, JWK key) {
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> body.claim(name, value instanceof Instant i ? Date.from(i) : value));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder((JWSAlgorithm) key.getAlgorithm()).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), body.build());
        try {
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    private static java.util.logging.Logger quietMockWebServerLog() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("mockwebserver3.MockWebServer");
        log.setLevel(Level.WARNING);
        return log;
    }

    /** Not thread-safe; configure, then {@link #start()}. */
    public static final class Builder {
        private String issuerId = DEFAULT_ISSUER_ID;
        private List<String> audience = List.of(DEFAULT_AUDIENCE);
        private Duration tokenLifetime = Duration.ofHours(1);
        private final List<IdpClients.Client> clients = new ArrayList<>(List.of(
                new IdpClients.Client(CLIENT1, CLIENT1_SECRET, Map.of()),
                new IdpClients.Client(CLIENT2, CLIENT2_SECRET, Map.of())));

        private Builder() {
        }

        /** The issuer's path segment; letters, digits, '-', '_'. */
        public Builder issuerId(String issuerId) {
            if (!issuerId.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("issuer id must be a single path segment: " + issuerId);
            }
            this.issuerId = issuerId;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        /** Registers one more client (or replaces client1/client2); {@code secret == null} accepts any. */
        public Builder client(String clientId, String secret, Map<String, ?> claims) {
            clients.removeIf(c -> c.clientId().equals(clientId));
            clients.add(new IdpClients.Client(clientId, secret, new LinkedHashMap<>(claims)));
            return this;
        }

        public EmbeddedIdp start() {
            return new EmbeddedIdp(this);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedIdp[" + issuerUri() + "]";
    }
}
