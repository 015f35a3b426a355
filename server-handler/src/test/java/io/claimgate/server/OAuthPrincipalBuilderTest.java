package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertNotSame;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.claimgate.policy.OAuthKafkaPrincipal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.PlaintextAuthenticationContext;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerSaslServer;
import org.junit.jupiter.api.Test;

class OAuthPrincipalBuilderTest {

    private final OAuthPrincipalBuilder builder = new OAuthPrincipalBuilder();

    private static final ValidatedToken TOKEN = ValidatedToken.builder("header.payload.signature", "client1",
                    new Issuer("default", Optional.of("https://idp.example"), Duration.ZERO, "", ""))
            .scopes(Set.of("kafka", "read")).groups(List.of("team-a", "admins"))
            .claims(Map.of("client_id", "client1", "topics", List.of("orders", "payments"), "realm_access",
                    Map.of("roles", List.of("team-a"))))
            .lifetimeMs(System.currentTimeMillis() + 60_000).startTimeMs(System.currentTimeMillis()).build();

    /** Runs Kafka's real OAUTHBEARER SASL server with a validator that accepts our token. */
    private static SaslServer authenticatedSaslServer(ValidatedToken token) throws Exception {
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(new AcceptingValidator(token));
        String initialResponse = "n,,\u0001auth=Bearer " + token.value() + "\u0001\u0001";
        server.evaluateResponse(initialResponse.getBytes(StandardCharsets.UTF_8));
        assertTrue(server.isComplete());
        return server;
    }

    /**
     * Kafka asks the builder for the principal on every request of a connection; what it gets must
     * be the session's one principal, and the authentication must count once, not once per request.
     */
    @Test
    void aSaslSessionGetsOnePrincipalAndCountsOnceHoweverManyRequestsItSends() throws Exception {
        OAuthPrincipalBuilder builder = new OAuthPrincipalBuilder();
        builder.configure(Map.of());
        double before = AuthenticationMetricsTest.count("PER_SESSION", "OAUTHBEARER", "succeeded");
        SaslServer session = authenticatedSaslServer(TOKEN);
        KafkaPrincipal first = builder.build(new SaslAuthenticationContext(session, SecurityProtocol.SASL_PLAINTEXT,
                InetAddress.getLoopbackAddress(), "PER_SESSION"));
        for (int request = 0; request < 5; request++) {
            assertSame(first, builder.build(new SaslAuthenticationContext(session, SecurityProtocol.SASL_PLAINTEXT,
                    InetAddress.getLoopbackAddress(), "PER_SESSION")));
        }
        assertEquals(before + 1, AuthenticationMetricsTest.count("PER_SESSION", "OAUTHBEARER", "succeeded"));

        // A re-authentication is a new SASL server: a new principal, counted again.
        KafkaPrincipal reauthenticated = builder.build(new SaslAuthenticationContext(authenticatedSaslServer(TOKEN),
                SecurityProtocol.SASL_PLAINTEXT, InetAddress.getLoopbackAddress(), "PER_SESSION"));
        assertNotSame(first, reauthenticated);
        assertEquals(first, reauthenticated);
        assertEquals(before + 2, AuthenticationMetricsTest.count("PER_SESSION", "OAUTHBEARER", "succeeded"));
    }

    @Test
    void aConnectionWithoutSaslCountsOnceHoweverManyRequestsItSends() throws Exception {
        OAuthPrincipalBuilder builder = new OAuthPrincipalBuilder();
        builder.configure(Map.of());
        double before = AuthenticationMetricsTest.count("PER_CONNECTION", "PLAINTEXT", "succeeded");
        // Kafka passes the address object of the connection's socket: one per connection.
        InetAddress connection1 = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        InetAddress connection2 = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        for (int request = 0; request < 5; request++) {
            builder.build(new PlaintextAuthenticationContext(connection1, "PER_CONNECTION"));
        }
        builder.build(new PlaintextAuthenticationContext(connection2, "PER_CONNECTION"));
        assertEquals(before + 2, AuthenticationMetricsTest.count("PER_CONNECTION", "PLAINTEXT", "succeeded"));
    }

    /** Stands in for the validator: accepts any token as {@code token}. */
    private record AcceptingValidator(ValidatedToken token) implements AuthenticateCallbackHandler {
        @Override
        public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaas) {
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof OAuthBearerValidatorCallback validator) {
                    validator.token(token);
                } else if (!(callback instanceof OAuthBearerExtensionsValidatorCallback)) {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void oauthbearerPrincipalIsTheUserNamedByTheTokenAndCarriesItsClaims() throws Exception {
        KafkaPrincipal principal = builder.build(new SaslAuthenticationContext(authenticatedSaslServer(TOKEN),
                SecurityProtocol.SASL_PLAINTEXT, InetAddress.getLoopbackAddress(), "EXTERNAL"));

        OAuthKafkaPrincipal oauth = assertInstanceOf(OAuthKafkaPrincipal.class, principal);
        assertEquals("User:client1", oauth.toString());
        assertEquals(List.of("team-a", "admins"), oauth.groups());
        assertEquals(Set.of("kafka", "read"), oauth.scopes());
        assertEquals(List.of("orders", "payments"), oauth.claims().get("topics"));
    }

    @Test
    void plaintextListenerGetsKafkasAnonymousPrincipal() {
        KafkaPrincipal principal = builder.build(
                new PlaintextAuthenticationContext(InetAddress.getLoopbackAddress(), "PLAINTEXT"));
        assertEquals(KafkaPrincipal.ANONYMOUS, principal);
    }

    @Test
    void claimsSurviveTheTripToTheController() {
        OAuthKafkaPrincipal original = OAuthPrincipalBuilder.principalOf(TOKEN);
        original.tokenAuthenticated(true);

        KafkaPrincipal copy = builder.deserialize(builder.serialize(original));

        OAuthKafkaPrincipal oauth = assertInstanceOf(OAuthKafkaPrincipal.class, copy);
        assertEquals(original, oauth);
        assertEquals(original.groups(), oauth.groups());
        assertEquals(original.scopes(), oauth.scopes());
        assertEquals(original.claims(), oauth.claims());
        assertTrue(oauth.tokenAuthenticated());
    }

    @Test
    void principalsOfOtherListenersUseKafkasOwnWireFormat() {
        KafkaPrincipal scramUser = new KafkaPrincipal("User", "alice");
        byte[] bytes = builder.serialize(scramUser);

        org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder kafkas =
                new org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder(null, null);
        assertArrayEquals(kafkas.serialize(scramUser), bytes, "the bytes Kafka's own principal builder writes");
        assertEquals(scramUser, kafkas.deserialize(bytes));
        KafkaPrincipal copy = builder.deserialize(bytes);
        assertEquals(scramUser, copy);
        assertEquals(KafkaPrincipal.class, copy.getClass());
    }

    @Test
    void aDamagedForwardedPrincipalIsRefusedNotGuessed() {
        // The controller must not act for a principal it cannot read back exactly.
        for (String body : new String[] {"{\"type\":\"User\"}", "{\"name\":\"client1\"}", "{\"type\":1,\"name\":\"x\"}",
                "not json", "{\"type\":\"User\",\"name\":\"client1\""}) {
            byte[] bytes = ("CGP1" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.apache.kafka.common.errors.SerializationException e = assertThrows(
                    org.apache.kafka.common.errors.SerializationException.class, () -> builder.deserialize(bytes), body);
            assertTrue(e.getMessage().startsWith("claimgate principal "), e.getMessage());
        }
    }

    @Test
    void reauthenticationWithNewClaimsKeepsAnEqualPrincipal() {
        OAuthKafkaPrincipal before = OAuthPrincipalBuilder.principalOf(TOKEN);
        OAuthKafkaPrincipal after = new OAuthKafkaPrincipal("User", "client1", List.of("other"), Set.of(), Map.of());
        assertEquals(before, after, "Kafka refuses a re-authentication whose principal is not equal");
        assertEquals(before.hashCode(), after.hashCode());
        assertNotEquals(before, new OAuthKafkaPrincipal("User", "client2", List.of(), Set.of(), Map.of()));
    }
}
