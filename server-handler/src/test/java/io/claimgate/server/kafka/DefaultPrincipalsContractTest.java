package io.claimgate.server.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.PlaintextAuthenticationContext;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

/**
 * Contract of the Kafka internals behind {@link DefaultPrincipals} (docs/KAFKA-COMPATIBILITY.md):
 * what Kafka's default principal builder gives a connection that is not OAUTHBEARER, the broker
 * options it is configured from, and its serde. Fails when a Kafka release changes any of it.
 */
class DefaultPrincipalsContractTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @Test
    void anUnauthenticatedConnectionIsAnonymous() {
        assertEquals(KafkaPrincipal.ANONYMOUS, DefaultPrincipals.defaults()
                .build(new PlaintextAuthenticationContext(CLIENT, "PLAIN_LISTENER")));
    }

    @Test
    void aSaslConnectionIsTheUserItAuthenticatedAs() {
        KafkaPrincipal principal = DefaultPrincipals.fromBrokerConfig(Map.of()).build(new SaslAuthenticationContext(
                new AuthenticatedAs("SCRAM-SHA-512", "app1"), SecurityProtocol.SASL_PLAINTEXT, CLIENT, "SCRAM"));
        assertEquals(new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "app1"), principal);
    }

    @Test
    void theMappingRulesAreReadFromTheBrokerOptionsKafkaReadsThemFrom() {
        // Kafka parses the rules when the builder is made: a bad rule under the right name fails.
        assertThrows(IllegalArgumentException.class, () -> DefaultPrincipals.fromBrokerConfig(
                Map.of("ssl.principal.mapping.rules", "RULE:^CN=(.*)$/$1/X")));
        assertThrows(IllegalArgumentException.class, () -> DefaultPrincipals.fromBrokerConfig(
                Map.of("sasl.kerberos.principal.to.local.rules", List.of("RULE:not a rule"))));
        DefaultPrincipals.fromBrokerConfig(Map.of("ssl.principal.mapping.rules", "RULE:^CN=(.*?),.*$/$1/L,DEFAULT",
                "sasl.kerberos.principal.to.local.rules", List.of("DEFAULT")));
    }

    @Test
    void principalsSurviveTheSerdeToTheController() {
        DefaultPrincipals principals = DefaultPrincipals.defaults();
        KafkaPrincipal user = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice");
        assertEquals(user, principals.deserialize(principals.serialize(user)));
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
}
