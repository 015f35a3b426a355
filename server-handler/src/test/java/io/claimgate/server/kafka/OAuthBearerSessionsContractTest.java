package io.claimgate.server.kafka;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerSaslServer;
import org.junit.jupiter.api.Test;

/**
 * Contract of the Kafka internal behind {@link OAuthBearerSessions} (docs/KAFKA-COMPATIBILITY.md):
 * Kafka's real OAUTHBEARER SASL server keeps the very token object the validator accepted under
 * the negotiated property the principal builder reads.
 */
class OAuthBearerSessionsContractTest {

    @Test
    void theAcceptedTokenIsTheSessionsNegotiatedProperty() throws Exception {
        OAuthBearerToken token = new Token("header.payload.signature");
        OAuthBearerSaslServer server = new OAuthBearerSaslServer(new Accepting(token));
        server.evaluateResponse(("n,,\u0001auth=Bearer " + token.value() + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(server.isComplete());
        assertSame(token, OAuthBearerSessions.token(server));
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
