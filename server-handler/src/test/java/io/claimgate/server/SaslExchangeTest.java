package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.configuredHandler;
import static io.claimgate.server.testkit.Validation.options;
import static io.claimgate.server.testkit.Validation.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.json.JsonObjectParser;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.security.auth.callback.Callback;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerClientInitialResponse;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerSaslServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The handler inside Kafka's own {@link OAuthBearerSaslServer}: what a client actually receives.
 * A rejection reaches the client's {@code SaslAuthenticationException} as
 * {@code {"status":"invalid_token (<REASON>: <detail>)"}}; Kafka builds that JSON without escaping,
 * so the status must never contain quotes or backslashes.
 */
class SaslExchangeTest {
    static final SigningKey KEY = SigningKey.rsa("k1");
    static JwksServer jwks;
    static OAuthValidatorCallbackHandler handler;

    @BeforeAll
    static void start() throws Exception {
        jwks = JwksServer.publishing(KEY.publicJwk());
        handler = configuredHandler(with(options(jwks), "oauth.allowed.sasl.extensions", "traceId,tenant"));
    }

    @AfterAll
    static void stop() {
        handler.close();
        jwks.close();
    }

    @Test
    void aValidTokenCompletesTheExchangeWithTheValidatedTokenAsNegotiatedProperty() throws Exception {
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(handler);
        String token = KEY.sign(Claims.valid().build());

        byte[] challenge = server.evaluateResponse(clientFirstMessage(token, Map.of("traceId", "abc")));

        assertEquals(0, challenge.length);
        assertTrue(server.isComplete());
        assertEquals("service-account-orders", server.getAuthorizationID());
        ValidatedToken validated = (ValidatedToken) server.getNegotiatedProperty("OAUTHBEARER.token");
        assertEquals(Claims.ISSUER, validated.iss());
        assertEquals("abc", server.getNegotiatedProperty("traceId"));
    }

    @Test
    void theClientSeesTheReasonAsValidJson() throws Exception {
        String expired = KEY.sign(Claims.valid().issueTime(Claims.in(Duration.ofHours(-2)))
                .notBeforeTime(null).expirationTime(Claims.in(Duration.ofHours(-1))).build());

        String message = clientErrorFor(expired);

        Map<String, Object> json = JsonObjectParser.parse(message);
        String status = (String) json.get("status");
        assertTrue(status.startsWith("invalid_token (EXPIRED: token expired at "), status);
        assertTrue(status.endsWith(" (clock skew 30s))"), status);
    }

    @Test
    void hostileTokenContentCannotBreakTheClientsJson() throws Exception {
        SigningKey hostile = SigningKey.rsa("\"},\"status\":\"ok\\");
        String message = clientErrorFor(hostile.sign(Claims.valid().build()));

        Map<String, Object> json = JsonObjectParser.parse(message);
        assertEquals(1, json.size(), message);
        assertTrue(((String) json.get("status")).startsWith("invalid_token (UNKNOWN_KEY: "), message);
    }

    @Test
    void extensionsNotListedInTheOptionFailAuthentication() throws Exception {
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(handler);
        String token = KEY.sign(Claims.valid().build());

        var e = assertThrows(SaslAuthenticationException.class,
                () -> server.evaluateResponse(clientFirstMessage(token, Map.of("traceId", "abc", "role", "admin"))));
        assertTrue(e.getMessage().contains("role: extension not allowed"), e.getMessage());
    }

    @Test
    void extensionsCallbackAcceptsListedNamesAndRejectsOthers() throws Exception {
        var callback = new OAuthBearerExtensionsValidatorCallback(
                (ValidatedToken) server().getNegotiatedProperty("OAUTHBEARER.token"),
                new SaslExtensions(Map.of("tenant", "blue", "admin", "true")));

        handler.handle(new Callback[] {callback});

        assertEquals(Map.of("tenant", "blue"), callback.validatedExtensions());
        assertEquals(Map.of("admin", "extension not allowed"), callback.invalidExtensions());
    }

    @Test
    void byDefaultNoExtensionIsAllowed() throws Exception {
        OAuthValidatorCallbackHandler strict = configuredHandler(options(jwks));
        try {
            var callback = new OAuthBearerExtensionsValidatorCallback(
                    (ValidatedToken) server().getNegotiatedProperty("OAUTHBEARER.token"),
                    new SaslExtensions(Map.of("tenant", "blue")));
            strict.handle(new Callback[] {callback});
            assertEquals(Map.of("tenant", "extension not allowed"), callback.invalidExtensions());
        } finally {
            strict.close();
        }
    }

    private OAuthBearerSaslServer server() throws Exception {
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(handler);
        server.evaluateResponse(clientFirstMessage(KEY.sign(Claims.valid().build()), Map.of()));
        assertSame(true, server.isComplete());
        return server;
    }

    /** The server's first answer is the error JSON; the client acknowledges with %x01 and gets the exception. */
    private static String clientErrorFor(String token) throws Exception {
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(handler);
        byte[] errorChallenge = server.evaluateResponse(clientFirstMessage(token, Map.of()));
        var e = assertThrows(SaslAuthenticationException.class, () -> server.evaluateResponse(new byte[] {1}));
        assertEquals(new String(errorChallenge, StandardCharsets.UTF_8), e.getMessage());
        return e.getMessage();
    }

    private static byte[] clientFirstMessage(String token, Map<String, String> extensions) throws Exception {
        return new OAuthBearerClientInitialResponse(token, new SaslExtensions(extensions)).toBytes();
    }
}
