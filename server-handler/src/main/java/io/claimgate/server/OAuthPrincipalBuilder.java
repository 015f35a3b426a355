package io.claimgate.server;

import io.claimgate.policy.OAuthKafkaPrincipal;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.kafka.DefaultPrincipals;
import io.claimgate.server.kafka.OAuthBearerSessions;
import io.claimgate.server.metrics.AuthenticationMetrics;
import io.claimgate.server.principal.PrincipalCodec;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    /**
     * Kafka builds the principal again for every request a connection sends
     * ({@code SaslServerAuthenticator.principal()}, {@code SslAuthenticator.principal()}: no cache),
     * not once per authentication. A SASL session's principal is therefore built, and its
     * authentication counted, on the first call for its {@code SaslServer} (a new one for every
     * authentication and re-authentication), and handed out again from here while the session lives.
     * Weak keys by identity: an entry goes when Kafka drops the session.
     */
    private final Cache<SaslServer, KafkaPrincipal> saslPrincipals = Caffeine.newBuilder().weakKeys().build();
    /**
     * Connections without SASL (PLAINTEXT, SSL) seen already, to count each once: recognised by the
     * client-address object Kafka takes from the connection's socket on every call (one per
     * connection). Their principal is built on every call, as Kafka's own builder does.
     */
    private final Cache<Object, Boolean> countedConnections = Caffeine.newBuilder().weakKeys().build();

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        if (context instanceof SaslAuthenticationContext sasl) {
            return saslPrincipals.get(sasl.server(), server -> {
                String mechanism = server.getMechanismName();
                KafkaPrincipal principal = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(mechanism)
                        ? fromToken(server) : fallback.build(context);
                authentications.succeeded(context.listenerName(), mechanism);
                return principal;
            });
        }
        KafkaPrincipal principal = fallback.build(context);
        Object connection = context.clientAddress();
        if (connection == null || countedConnections.asMap().putIfAbsent(connection, Boolean.TRUE) == null) {
            authentications.succeeded(context.listenerName(), context.securityProtocol().name());
        }
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
