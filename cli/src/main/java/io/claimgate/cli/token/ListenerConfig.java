package io.claimgate.cli.token;

import io.claimgate.cli.UsageException;
import io.claimgate.server.OAuthValidatorCallbackHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;

/**
 * What Kafka hands to the OAUTHBEARER validator of one listener of a broker's properties file:
 * the broker's configs with the {@code listener.name.<l>.} overrides applied (Kafka's
 * {@code valuesWithPrefixOverride}) and the JAAS entries of {@code KafkaServer}, found by Kafka's own
 * {@link JaasContext#loadServerContext}. The validator then reads its options from these exactly
 * as on the broker.
 */
record ListenerConfig(String listener, Map<String, Object> configs, List<AppConfigurationEntry> jaasEntries) {
    static final String MECHANISM = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM;

    static ListenerConfig read(Path file, String listenerName) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot be read: " + e.getMessage());
        }
        List<String> listeners = listenerNames(properties);
        ListenerName listener = ListenerName.normalised(listenerName);
        if (!listeners.contains(listener.value())) {
            throw new UsageException("unknown listener '" + listenerName + "': " + file + " has "
                    + (listeners.isEmpty() ? "no 'listeners'" : "listeners " + String.join(", ", listeners)));
        }
        String handlerKey = listener.saslMechanismConfigPrefix(MECHANISM) + "sasl.server.callback.handler.class";
        // Kafka reads the server callback handler only with the listener and mechanism prefix.
        String handler = properties.getProperty(handlerKey, "").trim();
        if (!handler.equals(OAuthValidatorCallbackHandler.class.getName())) {
            throw new UsageException("listener '" + listener.value() + "' does not validate tokens with claimgate: "
                    + handlerKey + " is '" + handler + "', not " + OAuthValidatorCallbackHandler.class.getName());
        }
        Map<String, Object> configs = new HashMap<>();
        String prefix = listener.configPrefix();
        for (String key : properties.stringPropertyNames()) {
            configs.put(key, value(key, properties.getProperty(key)));
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String stripped = key.substring(prefix.length());
                configs.put(stripped, value(stripped, properties.getProperty(key)));
            }
        }
        List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadServerContext(listener, MECHANISM, configs).configurationEntries();
        } catch (IllegalArgumentException | SecurityException e) {
            throw new UsageException("the JAAS configuration of listener '" + listener.value() + "' is invalid ("
                    + listener.saslMechanismConfigPrefix(MECHANISM) + SaslConfigs.SASL_JAAS_CONFIG + "): "
                    + e.getMessage());
        }
        return new ListenerConfig(listener.value(), configs, entries);
    }

    /** Kafka types JAAS configurations as passwords. */
    private static Object value(String key, String value) {
        return key.endsWith(SaslConfigs.SASL_JAAS_CONFIG) ? new Password(value.trim()) : value.trim();
    }

    private static List<String> listenerNames(Properties properties) {
        List<String> names = new ArrayList<>();
        for (String key : List.of("listeners", "advertised.listeners")) {
            for (String entry : properties.getProperty(key, "").split(",")) {
                int scheme = entry.indexOf("://");
                if (scheme > 0) {
                    String name = entry.substring(0, scheme).trim().toUpperCase(Locale.ROOT);
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
