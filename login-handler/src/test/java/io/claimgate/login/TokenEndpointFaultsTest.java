package io.claimgate.login;

import static io.claimgate.login.FakeTokenEndpoint.HANG;
import static io.claimgate.login.FakeTokenEndpoint.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user sees when the token endpoint misbehaves: the message says what the IdP answered
 * or why it could not be reached, and never contains the secret.
 */
class TokenEndpointFaultsTest {
    private static final String SECRET = "s3cr3t-Value-42";

    private FakeTokenEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private OAuthLoginCallbackHandler handler(String... extraOptions) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", endpoint.tokenUri().toString(),
                "oauth.client.id", "client1",
                "oauth.client.secret", SECRET,
                "oauth.http.retry.backoff.ms", "10"));
        for (int i = 0; i < extraOptions.length; i += 2) {
            options.put(extraOptions[i], extraOptions[i + 1]);
        }
        return Handlers.configured(options);
    }

    @Test
    void aRejectedClientGetsTheIdpsErrorAndDescriptionButNotTheSecret() {
        endpoint.answer(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}"));

        TokenRetrievalException e = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler()));

        assertTrue(e.getMessage().startsWith("token endpoint " + endpoint.tokenUri()
                + " answered HTTP 401: invalid_client (client authentication failed)"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(1, endpoint.requests().size(), "a 4xx answer is final: no retry");
    }

    @Test
    void theSecretIsHiddenEvenWhenTheIdpEchoesIt() {
        endpoint.answer(json(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad secret " + SECRET + "\"}"));

        TokenRetrievalException e = assertThrows(TokenRetrievalException.class,
                () -> Handlers.token(handler("oauth.client.auth.method", "client_secret_post")));

        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("bad secret (hidden)"), e.getMessage());
    }

    @Test
    void theIdpsTextIsBoundedAndCannotForgeLogLines() {
        String longDescription = "line one\\nFAKE LOG LINE\\u0007" + "x".repeat(5000);
        endpoint.answer(json(400, "{\"error\":\"invalid_scope\",\"error_description\":\"" + longDescription + "\"}"));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler())).getMessage();

        assertFalse(message.contains("\n"));
        assertFalse(message.contains("\u0007"));
        assertTrue(message.contains("invalid_scope (line one FAKE LOG LINE xxx"), message);
        assertTrue(message.length() < 800, "bounded: " + message.length());
    }

    @Test
    void aNonOAuthErrorPageIsQuotedBriefly() {
        endpoint.answer(new FakeTokenEndpoint.Answer(404, "text/html", "<html><body>Not Found</body></html>"));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler())).getMessage();

        assertEquals("token endpoint " + endpoint.tokenUri() + " answered HTTP 404: <html><body>Not Found</body></html>",
                message);
    }

    @Test
    void basicAuthFormEncodesIdAndSecretAsRfc6749Says() throws Exception {
        endpoint.answer(json(200, "{\"access_token\":\"opaque-1\"}"));
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", endpoint.tokenUri().toString(),
                "oauth.client.id", "client:1",
                "oauth.client.secret", "a+b/c~"));

        Handlers.token(handler);

        String basic = endpoint.requests().get(0).header("Authorization").substring("Basic ".length());
        assertEquals("client%3A1:a%2Bb%2Fc%7E", new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8),
                "an IdP that does not decode this needs oauth.client.auth.method=client_secret_post");
    }

    @Test
    void concurrentLoginsShareOneDiscoveryAndOneTokenRequest() throws Exception {
        int threads = 8;
        endpoint.answer(json(200, "{\"issuer\":\"" + endpoint.uri("/idp") + "\",\"token_endpoint\":\""
                + endpoint.tokenUri() + "\"}"));
        for (int i = 0; i < threads; i++) {
            endpoint.answer(json(200, "{\"access_token\":\"opaque-" + i + "\"}"));
        }
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.issuer.uri", endpoint.uri("/idp").toString(),
                "oauth.client.id", "client1",
                "oauth.client.secret", SECRET));

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ClientAccessToken>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> Handlers.token(handler)));
            }
            Set<String> values = new HashSet<>();
            for (Future<ClientAccessToken> result : results) {
                values.add(result.get(10, TimeUnit.SECONDS).value());
            }
            assertEquals(Set.of("opaque-0"), values, "one token, shared");
        } finally {
            pool.shutdownNow();
            handler.close();
        }
        assertEquals(1, endpoint.requests().stream().filter(r -> r.path().endsWith("openid-configuration")).count());
        assertEquals(1, endpoint.requests().stream().filter(r -> r.path().equals("/token")).count());
    }

    @Test
    void transientFailuresAreRetriedWithBackoff() throws Exception {
        endpoint.answer(json(503, "{}"), json(503, "{}"),
                json(200, "{\"access_token\":\"opaque-1\",\"token_type\":\"Bearer\",\"expires_in\":300}"));

        ClientAccessToken token = Handlers.token(handler());

        assertEquals("opaque-1", token.value());
        assertEquals(3, endpoint.requests().size(), "two retries by default");
    }

    @Test
    void whenRetriesRunOutTheLastAnswerIsReported() {
        endpoint.answer(json(503, "{}"), json(503, "{}"), json(503, "{\"error\":\"temporarily_unavailable\"}"));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler())).getMessage();

        assertTrue(message.endsWith("answered HTTP 503: temporarily_unavailable"), message);
    }

    @Test
    void aHangingEndpointFailsWithinTheReadTimeout() {
        endpoint.answer(HANG);
        OAuthLoginCallbackHandler handler = handler("oauth.read.timeout.ms", "300", "oauth.http.retries", "0");

        Instant start = Instant.now();
        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();

        assertTrue(Duration.between(start, Instant.now()).toMillis() < 3000);
        assertTrue(message.startsWith("could not get an access token from token endpoint " + endpoint.tokenUri()), message);
        assertTrue(message.contains("HttpTimeoutException"), message);
    }

    @Test
    void anUnreachableEndpointIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", "http://127.0.0.1:" + closedPort + "/token",
                "oauth.client.id", "client1",
                "oauth.client.secret", SECRET,
                "oauth.http.retries", "1",
                "oauth.http.retry.backoff.ms", "10"));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();

        assertTrue(message.contains("failed after 2 attempt(s): ConnectException (connection refused"), message);
        assertFalse(message.contains(SECRET));
    }

    @Test
    void anOpaqueTokenLivesForExpiresInCountedFromTheRequest() throws Exception {
        endpoint.answer(json(200, "{\"access_token\":\"opaque.token-1\",\"token_type\":\"bearer\","
                + "\"expires_in\":300,\"scope\":\"kafka extra\"}"));
        Instant before = Instant.now();

        ClientAccessToken token = Handlers.token(handler());

        long expected = before.plusSeconds(300).toEpochMilli();
        assertTrue(token.lifetimeMs() >= expected - 1000 && token.lifetimeMs() <= expected + 5000, token.toString());
        assertEquals(Set.of("kafka", "extra"), token.scope());
        assertEquals("client1", token.principalName(), "an opaque token names no one: the client id is used");
        assertFalse(token.toString().contains("opaque.token-1"), "toString never shows the token");
    }

    @Test
    void aSuccessWithoutATokenIsAnError() {
        endpoint.answer(json(200, "{\"token_type\":\"Bearer\"}"),
                new FakeTokenEndpoint.Answer(200, "text/plain", "access_token=abc"),
                json(200, "{\"access_token\":\"has spaces in it\"}"));
        OAuthLoginCallbackHandler handler = handler();

        assertTrue(assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage()
                .endsWith("answered HTTP 200 without an access_token"));
        assertTrue(assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage()
                .contains("is not a JSON token response"));
        assertTrue(assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage()
                .contains("an access_token Kafka cannot send"));
    }

    @Test
    void discoveryRefusesADocumentForAnotherIssuer() {
        endpoint.answer(json(200, "{\"issuer\":\"http://evil.example/\",\"token_endpoint\":\"" + endpoint.tokenUri() + "\"}"));
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.issuer.uri", endpoint.uri("/realms/kafka").toString(),
                "oauth.client.id", "client1",
                "oauth.client.secret", SECRET));

        String message = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler)).getMessage();

        assertTrue(message.contains("names issuer 'http://evil.example/', not the configured '"
                + endpoint.uri("/realms/kafka") + "'"), message);
        assertEquals("/realms/kafka/.well-known/openid-configuration", endpoint.requests().get(0).path());
        assertEquals(1, endpoint.requests().size(), "no token request to an endpoint from a foreign document");
    }

    @Test
    void aRetryCarriesAFreshClientAssertionBecauseItsJtiIsSingleUse(@TempDir Path dir) throws Exception {
        endpoint.answer(json(503, "{}"), json(200, "{\"access_token\":\"opaque-1\"}"));
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", endpoint.tokenUri().toString(),
                "oauth.client.id", "client1",
                "oauth.client.assertion.key.location", TestKeys.writePkcs8(dir, TestKeys.rsa()).toString(),
                "oauth.http.retry.backoff.ms", "10"));

        Handlers.token(handler);

        List<String> jtis = new ArrayList<>();
        for (FakeTokenEndpoint.Request request : endpoint.requests()) {
            String assertion = Arrays.stream(request.body().split("&")).filter(p -> p.startsWith("client_assertion="))
                    .map(p -> URLDecoder.decode(p.substring("client_assertion=".length()), StandardCharsets.UTF_8))
                    .findFirst().orElseThrow();
            jtis.add(SignedJWT.parse(assertion).getJWTClaimsSet().getJWTID());
        }
        assertEquals(2, jtis.size());
        assertNotEquals(jtis.get(0), jtis.get(1), "an IdP that remembers jti would refuse a replayed assertion");
    }
}
