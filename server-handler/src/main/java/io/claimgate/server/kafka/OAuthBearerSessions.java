package io.claimgate.server.kafka;

import javax.security.sasl.SaslServer;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;

/**
 * Where Kafka's OAUTHBEARER SASL server keeps the token a validator accepted: the negotiated
 * property {@code OAUTHBEARER.token}. Kafka does not document the name (it is a constant of the
 * internal {@code OAuthBearerSaslServer}); this class is the only place claimgate relies on it
 * (docs/KAFKA-COMPATIBILITY.md), and {@code OAuthBearerSessionsContractTest} runs Kafka's real
 * server to pin it.
 */
public final class OAuthBearerSessions {
    /** The SASL negotiated property under which Kafka's OAUTHBEARER server keeps the token. */
    static final String TOKEN_PROPERTY = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM + ".token";

    private OAuthBearerSessions() {
    }

    /** The token object the validator handed to Kafka for this session, or null. */
    public static Object token(SaslServer server) {
        return server.getNegotiatedProperty(TOKEN_PROPERTY);
    }
}
