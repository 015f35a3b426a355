package io.claimgate.filter.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * A consumer's JAAS login-module entries, exactly as Kafka parses them for the client's login:
 * from {@code sasl.jaas.config}, or else the {@code KafkaClient} entry of the static JAAS file
 * ({@code java.security.auth.login.config}). Kafka's parser is the internal {@code JaasContext};
 * using it (rather than a second parser) keeps the options, and so the token slot the login
 * handler publishes under, identical to the ones the login handler was configured with.
 */
public final class ClientJaasEntries {
    private ClientJaasEntries() {
    }

    /**
     * @param configs the consumer's configs, as an interceptor gets them
     * @throws RuntimeException (Kafka's, e.g. {@code IllegalArgumentException}) when they cannot be parsed
     */
    public static List<AppConfigurationEntry> of(Map<String, ?> configs) {
        Map<String, Object> forKafka = new HashMap<>();
        Object jaas = configs.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (jaas != null) {
            // Interceptors get the consumer's original values: a String, where Kafka's parser wants a Password.
            forKafka.put(SaslConfigs.SASL_JAAS_CONFIG, jaas instanceof Password ? jaas : new Password(jaas.toString()));
        }
        return JaasContext.loadClientContext(forKafka).configurationEntries();
    }
}
