package io.claimgate.common.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;

/**
 * Where option values come from, in order of precedence:
 * <ol>
 *   <li>the JAAS options of the login module (per listener on a broker);</li>
 *   <li>Kafka's own {@code sasl.oauthbearer.*} configs with the same meaning
 *       ({@link OptionNames#KAFKA_FALLBACKS}), so a configuration written for Kafka's built-in
 *       handler keeps working;</li>
 *   <li>environment variables: {@code OAUTH_CLIENT_SECRET} for {@code oauth.client.secret}, so
 *       secrets can stay out of files.</li>
 * </ol>
 * Immutable; this is the only class that looks at those three places.
 */
public final class OptionSource {

    /** A value found for an option, with where it came from (used in error messages). */
    public record Found(String value, String origin) {
    }

    private final Map<String, String> jaas;
    private final Map<String, String> kafka;
    private final Function<String, String> env;

    private OptionSource(Map<String, String> jaas, Map<String, String> kafka, Function<String, String> env) {
        this.jaas = Map.copyOf(jaas);
        this.kafka = Map.copyOf(kafka);
        this.env = env;
    }

    /** For a Kafka callback handler: the first JAAS entry's options plus the Kafka configs. */
    public static OptionSource of(Map<String, ?> kafkaConfigs, Collection<AppConfigurationEntry> jaasEntries) {
        Map<String, ?> jaasOptions = jaasEntries == null || jaasEntries.isEmpty()
                ? Map.of() : jaasEntries.iterator().next().getOptions();
        return of(jaasOptions, kafkaConfigs, System::getenv);
    }

    public static OptionSource of(Map<String, ?> jaasOptions, Map<String, ?> kafkaConfigs,
                                  Function<String, String> environment) {
        return new OptionSource(stringValues(jaasOptions), stringValues(kafkaConfigs), environment);
    }

    /** The environment variable that may hold an option: upper case, dots become underscores. */
    public static String environmentVariable(String option) {
        return option.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public Optional<Found> find(String option) {
        String value = jaas.get(option);
        if (present(value)) {
            return Optional.of(new Found(value.trim(), "JAAS option " + option));
        }
        String kafkaName = OptionNames.KAFKA_FALLBACKS.get(option);
        if (kafkaName != null) {
            value = kafka.get(kafkaName);
            if (present(value)) {
                return Optional.of(new Found(value.trim(), "Kafka config " + kafkaName));
            }
        }
        String variable = environmentVariable(option);
        value = env.apply(variable);
        if (present(value)) {
            return Optional.of(new Found(value.trim(), "environment variable " + variable));
        }
        return Optional.empty();
    }

    /** JAAS option names, for detecting typos. */
    public Set<String> jaasOptionNames() {
        return jaas.keySet();
    }

    /** JAAS options whose names start with {@code prefix}, keyed by the rest of the name. */
    public Map<String, String> jaasOptionsWithPrefix(String prefix) {
        return jaas.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length())
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Map<String, String> stringValues(Map<String, ?> raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        raw.forEach((k, v) -> {
            String s = asString(v);
            if (k != null && s != null) {
                out.put(k, s);
            }
        });
        return out;
    }

    private static String asString(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Password password) {
            return password.value();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        return String.valueOf(value);
    }
}
