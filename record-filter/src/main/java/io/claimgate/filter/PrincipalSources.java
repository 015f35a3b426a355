package io.claimgate.filter;

import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.token.IssuedTokens;
import io.claimgate.filter.kafka.ClientJaasEntries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;

/**
 * Chooses how the interceptor learns its principal, from the consumer's configs, in
 * {@code configure()}: {@code claimgate.filter.principal} if set; otherwise the consumer's own token,
 * which needs SASL/OAUTHBEARER with claimgate's login handler. A consumer that can never have such
 * a token and has no override is misconfigured: that fails at start, naming the fix, rather than
 * dropping every record silently.
 */
final class PrincipalSources {
    /** By name: the login handler lives in another module, bundled next to this one in the client jar. */
    static final String CLAIMGATE_LOGIN_HANDLER = "io.claimgate.login.OAuthLoginCallbackHandler";

    private PrincipalSources() {
    }

    static PrincipalSource from(Map<String, ?> configs, FilterOptions options, Function<String, String> environment) {
        if (options.principalOverride().isPresent()) {
            return PrincipalSource.fixed(options.principalOverride().get());
        }
        String protocol = text(configs.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG), "PLAINTEXT");
        String mechanism = text(configs.get(SaslConfigs.SASL_MECHANISM), SaslConfigs.DEFAULT_SASL_MECHANISM);
        String handler = text(configs.get(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS), "");
        if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")
                || !OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(mechanism)
                || !CLAIMGATE_LOGIN_HANDLER.equals(handler)) {
            throw new InvalidOptionException(FilterOptions.PRINCIPAL, "the record filter learns the consumer's"
                    + " principal from the token of claimgate's login handler, but this consumer does not use it"
                    + " (security.protocol=" + protocol + ", sasl.mechanism=" + mechanism
                    + ", sasl.login.callback.handler.class=" + (handler.isEmpty() ? "(Kafka's default)" : handler)
                    + "); use SASL_SSL or SASL_PLAINTEXT with OAUTHBEARER and " + CLAIMGATE_LOGIN_HANDLER
                    + ", or set " + FilterOptions.PRINCIPAL + "=<principal name> to filter as a fixed principal");
        }
        AppConfigurationEntry entry = jaasEntry(configs);
        OptionReader reader = new OptionReader(OptionSource.of(entry.getOptions(), configs, environment));
        return new TokenPrincipalSource(IssuedTokens.slot(IssuedTokens.keyOf(entry)), ClaimMapping.from(reader));
    }

    /**
     * The consumer's JAAS login-module entry, exactly as Kafka parses it for the login: from
     * {@code sasl.jaas.config}, or else the {@code KafkaClient} entry of the static JAAS file.
     */
    private static AppConfigurationEntry jaasEntry(Map<String, ?> configs) {
        List<AppConfigurationEntry> entries;
        try {
            entries = ClientJaasEntries.of(configs);
        } catch (RuntimeException e) {
            throw new InvalidOptionException(SaslConfigs.SASL_JAAS_CONFIG, "cannot be read for the record filter: "
                    + e.getMessage());
        }
        if (entries.size() != 1) {
            throw new InvalidOptionException(SaslConfigs.SASL_JAAS_CONFIG, "expected exactly one login module, got "
                    + entries.size());
        }
        return entries.get(0);
    }

    private static String text(Object value, String defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String text = value instanceof Class<?> ? ((Class<?>) value).getName() : value.toString().trim();
        return text.isEmpty() ? defaultValue : text;
    }
}
