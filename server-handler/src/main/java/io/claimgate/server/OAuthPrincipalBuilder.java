package io.claimgate.server;

import io.claimgate.policy.OAuthKafkaPrincipal;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.kafka.DefaultPrincipals;
import io.claimgate.server.kafka.OAuthBearerSessions;
import io.claimgate.server.metrics.AuthenticationMetrics;
import io.claimgate.server.principal.PrincipalCodec;
import java.util.List;
import java.util.Map;
import javax.security.sasl.SaslServer;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.KafkaPrincipalBuilder;
import org.apache.kafka.common.security.auth.KafkaPrincipalSerde;
import org.apache.kafka.common.security.auth.SaslAuthenticationContext;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * {@code principal.builder.class=io.claimgate.server.OAuthPrincipalBuilder}: on an OAUTHBEARER
 * listener the principal is {@code User:<name>} as mapped by the validator, and it carries the
 * token's groups, scopes and claims ({@link OAuthKafkaPrincipal}). Every other listener (SSL,
 * PLAINTEXT, SCRAM, ...) gets exactly what Kafka's default builder would give.
 *
 * <p>The builder is also the {@link KafkaPrincipalSerde} for requests forwarded to the controller;
 * claims survive that hop only because they are serialized here ({@link PrincipalCodec}). It
 * names {@code KafkaPrincipalSerde} itself although {@code KafkaPrincipalBuilder} extends it since
 * Kafka 4.2: a 4.1 broker checks for it and refuses to start without it (OlderKafkaReleasesTest).
 * Kafka's default builder and the session's token are reached through {@code io.claimgate.server.kafka},
 * the only place Kafka internals are used (docs/KAFKA-COMPATIBILITY.md).
 */
public class OAuthPrincipalBuilder implements KafkaPrincipalBuilder, KafkaPrincipalSerde, Configurable {
    private volatile AuthenticationMetrics authentications = AuthenticationMetrics.none();
    private volatile DefaultPrincipals fallback = DefaultPrincipals.defaults();

    @Override
    public void configure(Map<String, ?> configs) {
        ClaimgateMetrics.identify(configs);   // before any meter is registered: they all carry the tags
        authentications = new AuthenticationMetrics(ClaimgateMetrics.registry());
        fallback = DefaultPrincipals.fromBrokerConfig(configs);
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        // Kafka calls this once a connection has authenticated: count it by listener and mechanism.
        String mechanism = context instanceof SaslAuthenticationContext sasl
                ? sasl.server().getMechanismName() : context.securityProtocol().name();
        KafkaPrincipal principal = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(mechanism)
                ? fromToken(((SaslAuthenticationContext) context).server()) : fallback.build(context);
        authentications.succeeded(context.listenerName(), mechanism);
        return principal;
    }

    /** The principal of a token this validator accepted: its name, groups, scopes and claims. */
    public static OAuthKafkaPrincipal principalOf(ValidatedToken token) {
        return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, token.principalName(), token.groups(), token.scope(),
                token.claims());
    }

    private KafkaPrincipal fromToken(SaslServer server) {
        Object token = OAuthBearerSessions.token(server);
        if (token instanceof ValidatedToken validated) {
            return principalOf(validated);
        }
        if (token instanceof OAuthBearerToken other) {
            // Validated by another handler (e.g. Kafka's built-in one): no claims to carry.
            return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, other.principalName(), List.of(),
                    other.scope(), Map.of());
        }
        // Cannot happen after a successful OAUTHBEARER exchange; refuse rather than guess.
        throw new IllegalStateException("OAUTHBEARER session without a token");
    }

    @Override
    public byte[] serialize(KafkaPrincipal principal) throws SerializationException {
        if (principal instanceof OAuthKafkaPrincipal claims) {
            return PrincipalCodec.encode(claims);
        }
        return fallback.serialize(principal);
    }

    @Override
    public KafkaPrincipal deserialize(byte[] bytes) throws SerializationException {
        if (PrincipalCodec.isOurs(bytes)) {
            return PrincipalCodec.decode(bytes);
        }
        return fallback.deserialize(bytes);
    }
}
