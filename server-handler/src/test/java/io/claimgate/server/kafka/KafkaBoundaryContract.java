package io.claimgate.server.kafka;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerSaslServer;

/**
 * What claimgate relies on of Kafka's internals ({@code io.claimgate.server.kafka}, listed in
 * docs/KAFKA-COMPATIBILITY.md), as checks that throw {@link AssertionError}: run by the unit tests
 * on the build's Kafka, and by {@link #main} in a JVM holding an older Kafka release's jars and the
 * broker jar ({@code src-it}, {@code compat/KafkaBoundaryOnOlderReleasesTest}). Plain Java, no
 * test framework, so that it runs on a broker's classpath as is.
 */
public final class KafkaBoundaryContract {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private KafkaBoundaryContract() {
    }

    /** Runs every check; exits 1 on the first that fails, printing it. */
    public static void main(String[] args) {
        try {
            anUnauthenticatedConnectionIsAnonymous();
            aSaslConnectionIsTheUserItAuthenticatedAs();
            theMappingRulesAreReadFromTheBrokerOptionsKafkaReadsThemFrom();
            principalsSurviveTheSerdeToTheController();
            theAcceptedTokenIsTheSessionsNegotiatedProperty();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("Kafka boundary contract holds");
    }

    static void anUnauthenticatedConnectionIsAnonymous() {
        expect(KafkaPrincipal.ANONYMOUS, DefaultPrincipals.defaults()
                .build(new PlaintextAuthenticationContext(CLIENT, "PLAIN_LISTENER")));
    }

    static void aSaslConnectionIsTheUserItAuthenticatedAs() {
        expect(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "app1"), DefaultPrincipals.fromBrokerConfig(Map.of())
                .build(new SaslAuthenticationContext(new AuthenticatedAs("SCRAM-SHA-512", "app1"),
                        SecurityProtocol.SASL_PLAINTEXT, CLIENT, "SCRAM")));
    }

    /** Kafka parses the rules when the builder is made: a bad rule under the right option name fails. */
    static void theMappingRulesAreReadFromTheBrokerOptionsKafkaReadsThemFrom() {
        refused(Map.of("ssl.principal.mapping.rules", "RULE:^CN=(.*)$/$1/X"));
        refused(Map.of("sasl.kerberos.principal.to.local.rules", List.of("RULE:not a rule")));
        DefaultPrincipals.fromBrokerConfig(Map.of("ssl.principal.mapping.rules", "RULE:^CN=(.*?),.*$/$1/L,DEFAULT",
                "sasl.kerberos.principal.to.local.rules", List.of("DEFAULT")));
    }

    static void principalsSurviveTheSerdeToTheController() {
        DefaultPrincipals principals = DefaultPrincipals.defaults();
        KafkaPrincipal user = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice");
        expect(user, principals.deserialize(principals.serialize(user)));
    }

    /** Kafka's real OAUTHBEARER server keeps the very token the validator accepted where the principal builder reads it. */
    static void theAcceptedTokenIsTheSessionsNegotiatedProperty() throws Exception {
        OAuthBearerToken token = new Token("header.payload.signature");
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(new Accepting(token));
        server.evaluateResponse(("n,,\u0001auth=Bearer " + token.value() + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8));
        if (!server.isComplete() || OAuthBearerSessions.token(server) != token) {
            throw new AssertionError("Kafka's OAUTHBEARER server does not keep the accepted token under "
                    + OAuthBearerSessions.TOKEN_PROPERTY);
        }
    }

    private static void refused(Map<String, ?> brokerConfig) {
        try {
            DefaultPrincipals.fromBrokerConfig(brokerConfig);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("Kafka's default principal builder accepted the bad rules " + brokerConfig);
    }

    private static void expect(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but Kafka gave " + actual);
        }
    }

    /** A finished SASL exchange (a JDK interface, not Kafka's SPI): what Kafka's SCRAM server looks like afterwards. */
    private record AuthenticatedAs(String mechanism, String authorizationId) implements SaslServer {
        @Override
        public String getMechanismName() {
            return mechanism;
        }

        @Override
        public byte[] evaluateResponse(byte[] response) {
            return new byte[0];
        }

        @Override
        public boolean isComplete() {
            return true;
        }

        @Override
        public String getAuthorizationID() {
            return authorizationId;
        }

        @Override
        public byte[] unwrap(byte[] incoming, int offset, int len) {
            throw new IllegalStateException();
        }

        @Override
        public byte[] wrap(byte[] outgoing, int offset, int len) {
            throw new IllegalStateException();
        }

        @Override
        public Object getNegotiatedProperty(String propName) {
            return null;
        }

        @Override
        public void dispose() {
        }
    }

    private record Token(String value) implements OAuthBearerToken {
        @Override
        public Set<String> scope() {
            return Set.of();
        }

        @Override
        public long lifetimeMs() {
            return System.currentTimeMillis() + 60_000;
        }

        @Override
        public String principalName() {
            return "client1";
        }

        @Override
        public Long startTimeMs() {
            return null;
        }
    }

    /** A validator (claimgate's side of the SPI) that accepts any token as {@code token}. */
    private record Accepting(OAuthBearerToken token) implements AuthenticateCallbackHandler {
        @Override
        public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaas) {
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof OAuthBearerValidatorCallback validation) {
                    validation.token(token);
                } else if (!(callback instanceof OAuthBearerExtensionsValidatorCallback)) {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
