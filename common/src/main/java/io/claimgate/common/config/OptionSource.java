package io.claimgate.common.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;

/**
 * Where option values come from, in order of precedence:
 * <ol>
 *   <li>the JAAS options of the login module (per listener on a broker);</li>
 *   <li>Kafka's own {@code sasl.oauthbearer.*} configs with the same meaning
 *       ({@link OptionNames#KAFKA_FALLBACKS}), then the JAAS names of Kafka's built-in login
 *       ({@link OptionNames#KAFKA_JAAS_NAMES}), in the order Kafka's own handler reads them, so a
 *       configuration written for Kafka's built-in handler keeps working;</li>
 *   <li>environment variables: {@code OAUTH_CLIENT_SECRET} for {@code oauth.client.secret}, so
 *       secrets can stay out of files.</li>
 * </ol>
 * Immutable; this is the only class that looks at those three places. Strimzi's option names in
 * the JAAS options are read as {@link StrimziOptions} says, before anything else.
 *
 * <p>A {@linkplain #scoped scoped} source reads the options of one part of a configuration, such
 * as one issuer of several on a broker listener: {@code oauth.issuer.<id>.jwks.endpoint.uri} for
 * {@code oauth.jwks.endpoint.uri}, falling back to the unscoped option only where allowed.
 */
public final class OptionSource {

    /** A value found for an option, with where it came from (used in error messages). */
    public static final class Found {
        private final String value;
        private final String origin;

        public Found(String value, String origin) {
            this.value = value;
            this.origin = origin;
        }

        public String value() {
            return value;
        }

        public String origin() {
            return origin;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Found && Objects.equals(value, ((Found) o).value)
                    && Objects.equals(origin, ((Found) o).origin);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, origin);
        }

        /** Without the value: it may be a client secret or a key store password. */
        @Override
        public String toString() {
            return "Found[value=(" + value.length() + " chars), origin=" + origin + "]";
        }
    }

    private final Map<String, String> jaas;
    /** For a JAAS option made from Strimzi's names ({@link StrimziOptions}): the names it came from. */
    private final Map<String, String> translatedFrom;
    private final Map<String, String> kafka;
    private final Function<String, String> env;
    /** null, or e.g. {@code oauth.issuer.corp.}: then option {@code oauth.x} is read as {@code oauth.issuer.corp.x}. */
    private final String scopePrefix;
    private final Predicate<String> inheritsUnscoped;
    /** What the first place is called in messages: {@value #JAAS_OPTION}, or e.g. {@code worker property}. */
    private final String kind;

    /** How the first place is named in messages unless {@link #withKind} says otherwise. */
    public static final String JAAS_OPTION = "JAAS option";

    private OptionSource(StrimziTranslation.Translated jaas, Map<String, String> kafka, Function<String, String> env) {
        this(Map.copyOf(jaas.options()), Map.copyOf(jaas.origins()), Map.copyOf(kafka), env, null, option -> false,
                JAAS_OPTION);
    }

    private OptionSource(Map<String, String> jaas, Map<String, String> translatedFrom, Map<String, String> kafka,
                         Function<String, String> env, String scopePrefix, Predicate<String> inheritsUnscoped,
                         String kind) {
        this.jaas = jaas;
        this.translatedFrom = translatedFrom;
        this.kafka = kafka;
        this.env = env;
        this.scopePrefix = scopePrefix;
        this.inheritsUnscoped = inheritsUnscoped;
        this.kind = kind;
    }

    /**
     * The same source, with its first place called {@code kind} in messages: the REST extension
     * reads the {@code oauth.*} options from the Connect worker's properties, not from JAAS, and
     * an error must say where to look.
     */
    public OptionSource withKind(String kind) {
        return new OptionSource(jaas, translatedFrom, kafka, env, scopePrefix, inheritsUnscoped, kind);
    }

    /** What the first place is called in messages ({@value #JAAS_OPTION} unless set by {@link #withKind}). */
    public String kind() {
        return kind;
    }

    /**
     * A view in which option {@code oauth.<name>} is looked up as {@code <prefix><name>} (JAAS option,
     * then environment variable), and then, if {@code inheritsUnscoped} says so for that option, as
     * the unscoped option (with its Kafka fallback). {@code prefix} must start with {@code oauth.}
     * and end with a dot.
     */
    public OptionSource scoped(String prefix, Predicate<String> inheritsUnscoped) {
        if (!prefix.startsWith("oauth.") || !prefix.endsWith(".")) {
            throw new IllegalArgumentException("scope prefix must look like oauth.<something>.: " + prefix);
        }
        return new OptionSource(jaas, translatedFrom, kafka, env, prefix, inheritsUnscoped, kind);
    }

    /** The unscoped source this one is a view of (itself if not scoped). */
    public OptionSource unscoped() {
        return scopePrefix == null ? this : new OptionSource(jaas, translatedFrom, kafka, env, null, option -> false, kind);
    }

    /** The name under which {@code option} is read in this source: itself, or its scoped form. */
    public String displayName(String option) {
        if (scopePrefix == null || !option.startsWith("oauth.")) {
            return option;
        }
        return scopePrefix + option.substring("oauth.".length());
    }

    /** For a Kafka callback handler: the first JAAS entry's options plus the Kafka configs. */
    public static OptionSource of(Map<String, ?> kafkaConfigs, Collection<AppConfigurationEntry> jaasEntries) {
        Map<String, ?> jaasOptions = jaasEntries == null || jaasEntries.isEmpty()
                ? Map.of() : jaasEntries.iterator().next().getOptions();
        return of(jaasOptions, kafkaConfigs, System::getenv);
    }

    public static OptionSource of(Map<String, ?> jaasOptions, Map<String, ?> kafkaConfigs,
                                  Function<String, String> environment) {
        return new OptionSource(StrimziTranslation.translate(stringValues(jaasOptions), JAAS_OPTION),
                stringValues(kafkaConfigs), environment);
    }

    /**
     * For claimgate's own Kafka configs ({@code claimgate.*} broker properties of the authorizer,
     * consumer configs of the record filter): the config itself, then its environment variable.
     * No JAAS options, Strimzi names or Kafka fallbacks are involved; {@code kind} names the first
     * place in messages, e.g. {@code broker property}.
     */
    public static OptionSource ofConfigs(Map<String, ?> configs, Function<String, String> environment, String kind) {
        return new OptionSource(Map.copyOf(stringValues(configs)), Map.of(), Map.of(), environment, null,
                option -> false, kind);
    }

    /** The environment variable that may hold an option: upper case, dots become underscores. */
    public static String environmentVariable(String option) {
        return option.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public Optional<Found> find(String option) {
        if (scopePrefix != null) {
            String scoped = displayName(option);
            String value = jaas.get(scoped);
            if (present(value)) {
                return Optional.of(new Found(value.trim(), kind + " " + scoped));
            }
            String variable = environmentVariable(scoped);
            value = env.apply(variable);
            if (present(value)) {
                return Optional.of(new Found(value.trim(), "environment variable " + variable));
            }
            return inheritsUnscoped.test(option) ? findUnscoped(option) : Optional.empty();
        }
        return findUnscoped(option);
    }

    private Optional<Found> findUnscoped(String option) {
        String value = jaas.get(option);
        if (present(value)) {
            return Optional.of(new Found(value.trim(), kind + " " + translatedFrom.getOrDefault(option, option)));
        }
        String kafkaName = OptionNames.kafkaFallback(option, kafka::get);
        if (kafkaName != null) {
            value = kafka.get(kafkaName);
            if (present(value)) {
                return Optional.of(new Found(value.trim(), "Kafka config " + kafkaName));
            }
        }
        String kafkaJaasName = OptionNames.KAFKA_JAAS_NAMES.get(option);
        if (kafkaJaasName != null && kind.equals(JAAS_OPTION)) {
            value = jaas.get(kafkaJaasName);
            if (present(value)) {
                return Optional.of(new Found(value.trim(), kind + " " + kafkaJaasName));
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
        if (value instanceof Password) {
            return ((Password) value).value();
        }
        if (value instanceof Collection<?>) {
            return ((Collection<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Class<?>) {
            return ((Class<?>) value).getName();
        }
        return String.valueOf(value);
    }
}
