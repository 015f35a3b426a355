package io.claimgate.server.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;
import org.apache.kafka.common.security.kerberos.KerberosShortNamer;
import org.apache.kafka.common.security.ssl.SslPrincipalMapper;

/**
 * What Kafka's default principal builder makes of a connection, and how it (de)serializes
 * principals for the controller: what every non-OAUTHBEARER listener must keep getting when
 * {@code principal.builder.class} names claimgate's builder.
 *
 * <p>Kafka has no public API for this: {@code DefaultKafkaPrincipalBuilder},
 * {@code KerberosShortNamer}, {@code SslPrincipalMapper} and {@code BrokerSecurityConfigs} are
 * outside its public packages. This class is the only place claimgate uses them
 * (docs/KAFKA-COMPATIBILITY.md); {@code DefaultPrincipalsContractTest} pins what is relied on.
 */
public final class DefaultPrincipals {
    private final DefaultKafkaPrincipalBuilder builder;

    private DefaultPrincipals(DefaultKafkaPrincipalBuilder builder) {
        this.builder = builder;
    }

    /** Kafka's defaults: the {@code DEFAULT} SSL mapping rule, no Kerberos rules. */
    public static DefaultPrincipals defaults() {
        return new DefaultPrincipals(new DefaultKafkaPrincipalBuilder(null, SslPrincipalMapper.fromRules("DEFAULT")));
    }

    /**
     * As the broker's own default builder would be configured: {@code ssl.principal.mapping.rules}
     * and {@code sasl.kerberos.principal.to.local.rules} from the broker configuration.
     */
    public static DefaultPrincipals fromBrokerConfig(Map<String, ?> configs) {
        Object sslRules = configs.get(BrokerSecurityConfigs.SSL_PRINCIPAL_MAPPING_RULES_CONFIG);
        Object kerberosRules = configs.get(BrokerSecurityConfigs.SASL_KERBEROS_PRINCIPAL_TO_LOCAL_RULES_CONFIG);
        @SuppressWarnings("unchecked")
        List<String> rules = kerberosRules instanceof List<?> ? (List<String>) kerberosRules : List.of("DEFAULT");
        // Kafka derives the default realm from krb5.conf; claimgate does not need Kerberos, and an
        // empty realm makes the DEFAULT rule keep full names, which is the safe direction.
        KerberosShortNamer shortNamer = KerberosShortNamer.fromUnparsedRules("", rules);
        return new DefaultPrincipals(new DefaultKafkaPrincipalBuilder(shortNamer,
                SslPrincipalMapper.fromRules(sslRules == null ? "DEFAULT" : sslRules.toString())));
    }

    public KafkaPrincipal build(AuthenticationContext context) {
        return builder.build(context);
    }

    public byte[] serialize(KafkaPrincipal principal) throws SerializationException {
        return builder.serialize(principal);
    }

    public KafkaPrincipal deserialize(byte[] bytes) throws SerializationException {
        return builder.deserialize(bytes);
    }
}
