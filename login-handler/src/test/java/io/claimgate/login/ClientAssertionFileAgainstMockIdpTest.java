package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * Client credentials with a client assertion read from a file (RFC 7523 §2.2), as Azure workload
 * identity federation does it: the webhook projects a federated token, the client sends it as
 * {@code client_assertion} instead of a secret, and the file is re-read for every token request.
 * Against a real (embedded) OAuth 2.0 server, which parses the assertion as Nimbus does (it wants
 * {@code iss = sub = client_id}; Entra ID checks its federated credential instead).
 */
class ClientAssertionFileAgainstMockIdpTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @RegisterExtension
    final AssertionFileIdp fixture = new AssertionFileIdp();

    private Map<String, String> withAssertionFile(Path file, String... more) {
        return fixture.options(Map.of("oauth.client.assertion.location", file.toString()), more);
    }

    /** What the workload identity webhook writes: a signed JWT about the client itself. */
    private String federatedToken() throws Exception {
        return fixture.signedJwt("client1", "client1", fixture.tokenEndpoint());
    }

    @Test
    void sendsTheFileAsClientAssertionOfTheClientCredentialsGrantAndReReadsIt() throws Exception {
        String first = federatedToken();
        Path file = fixture.write("azure-identity-token", first + "\n");
        MutableClock clock = new MutableClock(Instant.now());
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), withAssertionFile(file));

        assertEquals("client1", Handlers.token(handler).principalName());

        RecordedRequest request = fixture.tokenRequest();
        Map<String, String> form = ClientCredentialsAgainstMockIdpTest.form(request);
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals("client1", form.get("client_id"));
        assertEquals(ASSERTION_TYPE, form.get("client_assertion_type"));
        assertEquals(first, form.get("client_assertion"), "the file's content without its line end");
        assertEquals("kafka", form.get("scope"));
        assertFalse(form.containsKey("client_secret"));
        assertFalse(form.containsKey("assertion"), "no jwt-bearer grant");
        assertNull(request.getHeader("Authorization"));

        // The webhook rotates the token; Kafka's refresh thread asks again past half the lifetime.
        String second = federatedToken();
        Files.writeString(file, second + "\n");
        clock.set(Instant.now().plus(Duration.ofMinutes(40)));
        Handlers.token(handler);

        assertEquals(second, ClientCredentialsAgainstMockIdpTest.form(fixture.tokenRequest()).get("client_assertion"),
                "the rotated assertion is read at the next token request");
        handler.close();
    }

    @Test
    void kafkasAssertionFileWithKafkasDefaultRetrieverIsAClientAssertionAsInKip1258() throws Exception {
        String assertion = federatedToken();
        Path file = fixture.write("token", assertion);
        OAuthLoginCallbackHandler handler = Handlers.configured(
                Map.of("sasl.oauthbearer.token.endpoint.url", fixture.tokenEndpoint(),
                        "sasl.oauthbearer.client.credentials.client.id", "client1",
                        "sasl.oauthbearer.assertion.file", file.toString(), "sasl.oauthbearer.scope", "kafka"),
                Map.of());

        assertEquals("client1", Handlers.token(handler).principalName());
        Map<String, String> form = ClientCredentialsAgainstMockIdpTest.form(fixture.tokenRequest());
        assertEquals("client_credentials", form.get("grant_type"));
        assertEquals(assertion, form.get("client_assertion"));
        handler.close();
    }

    @Test
    void loginsWithDifferentAssertionFilesDoNotShareATokenButOneFileIsShared() throws Exception {
        Path a = fixture.write("a", federatedToken());
        Path b = fixture.write("b", federatedToken());
        List<OAuthLoginCallbackHandler> handlers = List.of(Handlers.configured(withAssertionFile(a)),
                Handlers.configured(withAssertionFile(b)), Handlers.configured(withAssertionFile(a)));
        for (OAuthLoginCallbackHandler handler : handlers) {
            Handlers.token(handler);
        }
        assertEquals(2, SharedTokenAgainstMockIdpTest.tokenRequests(fixture.server()).size(), "one request per assertion file");
        handlers.forEach(OAuthLoginCallbackHandler::close);
    }

    @Test
    void anEmptyFileFailsTheLoginNamingTheOptionAndSendsNothing() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(withAssertionFile(fixture.write("token", "")));

        TokenRetrievalException e = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
        assertTrue(e.getMessage().contains("oauth.client.assertion.location"), e.getMessage());
        assertEquals(TokenFailureReason.ASSERTION, e.reason());
        assertEquals(0, SharedTokenAgainstMockIdpTest.tokenRequests(fixture.server()).size());
        handler.close();
    }

    @Test
    void theFileGoesOnlyWithPrivateKeyJwtAndNotWithASigningKey() throws Exception {
        Path file = fixture.write("token", "a.b.c");
        Path key = TestKeys.writePem(fixture.dir().resolve("key.pem"), "PRIVATE KEY",
                fixture.issuerKey().getPrivate().getEncoded());

        InvalidOptionException withKey = assertThrows(InvalidOptionException.class, () -> Handlers.configured(
                withAssertionFile(file, "oauth.client.assertion.key.location", key.toString())));
        assertTrue(withKey.getMessage().contains("oauth.client.assertion.key.location"), withKey.getMessage());

        InvalidOptionException withSecretMethod = assertThrows(InvalidOptionException.class, () -> Handlers.configured(
                withAssertionFile(file, "oauth.client.auth.method", "client_secret_post", "oauth.client.secret", "s")));
        assertTrue(withSecretMethod.getMessage().contains("option 'oauth.client.assertion.location'"), withSecretMethod.getMessage());

        InvalidOptionException withNone = assertThrows(InvalidOptionException.class, () -> Handlers.configured(
                withAssertionFile(file, "oauth.client.auth.method", "none")));
        assertTrue(withNone.getMessage().contains("oauth.client.auth.method"), withNone.getMessage());

        // Explicitly private_key_jwt is fine.
        Handlers.configured(withAssertionFile(file, "oauth.client.auth.method", "private_key_jwt")).close();
    }

    @Test
    void notWithAStaticToken() throws Exception {
        Path file = fixture.write("token", "a.b.c");
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> Handlers.configured(Map.of(
                "oauth.access.token", "abc", "oauth.client.assertion.location", file.toString())));
        assertTrue(e.getMessage().contains("oauth.client.assertion.location"), e.getMessage());
    }
}
