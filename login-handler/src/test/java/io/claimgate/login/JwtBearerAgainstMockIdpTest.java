package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RFC 7523 jwt-bearer grant with an assertion file (a Kubernetes projected service-account
 * token, a federated workload identity token) against a real (embedded) OAuth 2.0 server.
 */
class JwtBearerAgainstMockIdpTest {
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    @RegisterExtension
    final AssertionFileIdp fixture = new AssertionFileIdp();

    private Map<String, String> jwtBearer(Path assertionFile, String... more) {
        return fixture.options(Map.of("oauth.client.secret", "client1-secret", "oauth.grant.type", "jwt_bearer",
                "oauth.assertion.location", assertionFile.toString()), more);
    }

    /** What the kubelet writes: a signed JWT about the service account. */
    private String serviceAccountToken(String subject) throws Exception {
        return fixture.signedJwt("https://kubernetes.default.svc", subject, "kafka-idp");
    }

    @Test
    void sendsTheAssertionFromTheFileAndReReadsItForEveryTokenRequest() throws Exception {
        String first = serviceAccountToken("system:serviceaccount:shop:orders");
        Path file = fixture.write("token", first + "\n");
        MutableClock clock = new MutableClock(Instant.now());
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), jwtBearer(file));

        ClientAccessToken token = Handlers.token(handler);

        Map<String, String> form = ClientCredentialsAgainstMockIdpTest.form(fixture.tokenRequest());
        assertEquals(JWT_BEARER, form.get("grant_type"));
        assertEquals(first, form.get("assertion"), "the file's content without its trailing line end");
        assertEquals("kafka", form.get("scope"));
        assertEquals("system:serviceaccount:shop:orders", token.principalName(), "the IdP's token is about the assertion's subject");

        // The kubelet rotates the token; Kafka's refresh thread asks again past half the lifetime.
        String second = serviceAccountToken("system:serviceaccount:shop:payments");
        Files.writeString(file, second + "\n");
        clock.set(Instant.now().plus(Duration.ofMinutes(40)));
        ClientAccessToken refreshed = Handlers.token(handler);

        assertEquals(second, ClientCredentialsAgainstMockIdpTest.form(fixture.tokenRequest()).get("assertion"),
                "the rotated assertion is read at the next token request");
        assertEquals("system:serviceaccount:shop:payments", refreshed.principalName());
        handler.close();
    }

    @Test
    void kafkasKip1139AssertionFileWithKafkasJwtBearerRetrieverSelectsTheJwtBearerGrant() throws Exception {
        // Kafka 4.3 reads sasl.oauthbearer.assertion.file as the grant's assertion only with its
        // JwtBearerJwtRetriever; without it, as a client assertion (ClientAssertionFileAgainstMockIdpTest).
        Path file = fixture.write("token", serviceAccountToken("app"));
        OAuthLoginCallbackHandler handler = Handlers.configured(
                Map.of("sasl.oauthbearer.token.endpoint.url", fixture.tokenEndpoint(),
                        "sasl.oauthbearer.jwt.retriever.class", "org.apache.kafka.common.security.oauthbearer.JwtBearerJwtRetriever",
                        "sasl.oauthbearer.assertion.file", file.toString(), "sasl.oauthbearer.scope", "kafka"),
                Map.of("oauth.client.id", "client1", "oauth.client.secret", "client1-secret"));

        assertEquals("app", Handlers.token(handler).principalName());
        Map<String, String> form = ClientCredentialsAgainstMockIdpTest.form(fixture.tokenRequest());
        assertEquals(JWT_BEARER, form.get("grant_type"));
        assertFalse(form.containsKey("client_assertion"));
        handler.close();
    }

    @Test
    void loginsReadingDifferentAssertionFilesDoNotShareATokenButOneFileIsShared() throws Exception {
        Path a = fixture.write("a", serviceAccountToken("app-a"));
        Path b = fixture.write("b", serviceAccountToken("app-b"));
        OAuthLoginCallbackHandler first = Handlers.configured(jwtBearer(a));
        OAuthLoginCallbackHandler second = Handlers.configured(jwtBearer(b));
        OAuthLoginCallbackHandler third = Handlers.configured(jwtBearer(a));

        assertEquals("app-a", Handlers.token(first).principalName());
        assertEquals("app-b", Handlers.token(second).principalName());
        assertEquals("app-a", Handlers.token(third).principalName());
        assertEquals(2, SharedTokenAgainstMockIdpTest.tokenRequests(fixture.server()).size(), "one request per assertion file");
        for (OAuthLoginCallbackHandler handler : List.of(first, second, third)) {
            handler.close();
        }
    }

    @Test
    void aPublicClientSendsOnlyItsClientIdBesideTheAssertion() throws Exception {
        Path file = fixture.write("token", serviceAccountToken("app"));
        Map<String, String> options = jwtBearer(file, "oauth.client.auth.method", "none");
        options.remove("oauth.client.secret");
        OAuthLoginCallbackHandler handler = Handlers.configured(options);

        assertEquals("app", Handlers.token(handler).principalName());
        RecordedRequest request = fixture.tokenRequest();
        Map<String, String> form = ClientCredentialsAgainstMockIdpTest.form(request);
        assertEquals("client1", form.get("client_id"));
        assertFalse(form.containsKey("client_secret"));
        assertFalse(form.containsKey("client_assertion"));
        assertEquals(null, request.getHeader("Authorization"));
        handler.close();
    }

    @Test
    void noClientAuthenticationIsRefusedForClientCredentials() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", "https://idp.example/token", "oauth.client.id", "c",
                "oauth.client.auth.method", "none")));
        assertTrue(e.getMessage().contains("oauth.client.auth.method"), e.getMessage());
        assertTrue(e.getMessage().contains("jwt_bearer"), e.getMessage());
    }

    @Test
    void anEmptyOrMissingFileFailsTheLoginNamingTheOption() throws Exception {
        Path file = fixture.write("token", "\n");
        OAuthLoginCallbackHandler handler = Handlers.configured(jwtBearer(file));

        TokenRetrievalException empty = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
        assertTrue(empty.getMessage().contains("oauth.assertion.location"), empty.getMessage());
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
        assertEquals(TokenFailureReason.ASSERTION, empty.reason());

        Files.delete(file);
        TokenRetrievalException missing = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
        assertTrue(missing.getMessage().contains("oauth.assertion.location"), missing.getMessage());
        assertTrue(missing.getMessage().contains("cannot be read"), missing.getMessage());
        assertEquals(0, SharedTokenAgainstMockIdpTest.tokenRequests(fixture.server()).size(), "nothing is sent without an assertion");
        handler.close();
    }

    @Test
    void anAssertionTheIdpRefusesIsNeverQuoted() throws Exception {
        String assertion = "not.a-jwt.Zm9vYmFyLXNlY3JldA";
        Path file = fixture.write("token", assertion);
        OAuthLoginCallbackHandler handler = Handlers.configured(jwtBearer(file, "oauth.http.retries", "0"));

        TokenRetrievalException e = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
        assertFalse(e.getMessage().contains(assertion), e.getMessage());
        assertFalse(e.getMessage().contains("Zm9vYmFyLXNlY3JldA"), e.getMessage());
        handler.close();
    }

    @Test
    void theGrantAndTheFileMustBeConfiguredTogether() throws Exception {
        Path file = fixture.write("token", serviceAccountToken("app"));
        InvalidOptionException withoutFile = assertThrows(InvalidOptionException.class, () -> Handlers.configured(Map.of(
                "oauth.token.endpoint.uri", "https://idp.example/token", "oauth.client.id", "c",
                "oauth.client.secret", "s", "oauth.grant.type", JWT_BEARER)));
        assertTrue(withoutFile.getMessage().contains("oauth.assertion.location"), withoutFile.getMessage());

        InvalidOptionException wrongGrant = assertThrows(InvalidOptionException.class,
                () -> Handlers.configured(jwtBearer(file, "oauth.grant.type", "client_credentials")));
        assertTrue(wrongGrant.getMessage().contains("oauth.assertion.location"), wrongGrant.getMessage());

        InvalidOptionException unknown = assertThrows(InvalidOptionException.class,
                () -> Handlers.configured(jwtBearer(file, "oauth.grant.type", "password")));
        assertTrue(unknown.getMessage().contains("oauth.grant.type"), unknown.getMessage());
    }
}
