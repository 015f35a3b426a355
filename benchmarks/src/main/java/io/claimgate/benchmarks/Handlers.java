package io.claimgate.benchmarks;

import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.server.OAuthValidatorCallbackHandler;
import io.claimgate.server.ValidatorOptions;
import io.strimzi.kafka.oauth.server.JaasServerOauthValidatorCallbackHandler;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler;

/**
 * The three broker-side validators, configured as an operator would on a listener: same JWKS URL,
 * same expected issuer and audience, principal from {@code sub}. Each is driven exactly as Kafka's
 * {@code OAuthBearerSaslServer} drives it: {@code handle(new Callback[] {new OAuthBearerValidatorCallback(token)})}.
 */
final class Handlers {
    static final String MECHANISM = OAuthBearerLoginModule.OAUTHBEARER_MECHANISM;
    /** Kafka 4 refuses JWKS URLs missing from this system property (claimgate honours it too). */
    static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private Handlers() {
    }

    /**
     * claimgate's validator.
     *
     * @param tokenCacheMaxEntries {@code oauth.token.cache.max.entries}; null = the shipped default
     */
    static AuthenticateCallbackHandler claimgate(String jwksUrl, Integer tokenCacheMaxEntries) {
        OAuthValidatorCallbackHandler handler = new OAuthValidatorCallbackHandler();
        handler.configure(Map.of(), MECHANISM, jaas(claimgateOptions(jwksUrl, tokenCacheMaxEntries)));
        return handler;
    }

    /**
     * The options of {@link #claimgate}, parsed as its {@code configure()} parses them: for
     * benchmarks that drive the steps of claimgate's pipeline one by one ({@link PipelineStepsBenchmark}).
     */
    static ValidatorOptions claimgateValidatorOptions(String jwksUrl, Integer tokenCacheMaxEntries) {
        return ValidatorOptions.from(new OptionReader(OptionSource.of(Map.of(),
                jaas(claimgateOptions(jwksUrl, tokenCacheMaxEntries)))));
    }

    private static Map<String, String> claimgateOptions(String jwksUrl, Integer tokenCacheMaxEntries) {
        Map<String, String> options = new java.util.HashMap<>(Map.of(
                "oauth.jwks.endpoint.uri", jwksUrl,
                "oauth.valid.issuer.uri", TokenPool.ISSUER,
                "oauth.valid.audience", TokenPool.AUDIENCE,
                "oauth.username.claim", "sub"));
        if (tokenCacheMaxEntries != null) {
            options.put("oauth.token.cache.max.entries", tokenCacheMaxEntries.toString());
        }
        return options;
    }

    /** Kafka's built-in validator (jose4j), configured through the broker's {@code sasl.oauthbearer.*} configs. */
    static AuthenticateCallbackHandler kafka(String jwksUrl) {
        allowUrl(jwksUrl);
        Properties props = new Properties();
        props.put(SaslConfigs.SASL_OAUTHBEARER_JWKS_ENDPOINT_URL, jwksUrl);
        props.put(SaslConfigs.SASL_OAUTHBEARER_EXPECTED_ISSUER, TokenPool.ISSUER);
        props.put(SaslConfigs.SASL_OAUTHBEARER_EXPECTED_AUDIENCE, TokenPool.AUDIENCE);
        props.put(SaslConfigs.SASL_OAUTHBEARER_SUB_CLAIM_NAME, "sub");
        // as on a broker: every sasl.* config present, with Kafka's defaults for the rest
        ConfigDef definitions = new ConfigDef();
        SaslConfigs.addClientSaslSupport(definitions);
        Map<String, Object> configs = definitions.parse(props);
        OAuthBearerValidatorCallbackHandler handler = new OAuthBearerValidatorCallbackHandler();
        handler.configure(configs, MECHANISM, jaas(Map.of()));
        return handler;
    }

    /**
     * Strimzi's validator. Its audience check compares {@code aud} with {@code oauth.client.id};
     * its {@code typ}-claim check (Keycloak's "Bearer") is off, as claimgate and Kafka do not
     * check a claim our tokens do not carry.
     */
    static AuthenticateCallbackHandler strimzi(String jwksUrl) {
        JaasServerOauthValidatorCallbackHandler handler = new JaasServerOauthValidatorCallbackHandler();
        handler.configure(Map.of(), MECHANISM, jaas(Map.of(
                "oauth.jwks.endpoint.uri", jwksUrl,
                "oauth.valid.issuer.uri", TokenPool.ISSUER,
                "oauth.client.id", TokenPool.AUDIENCE,
                "oauth.check.audience", "true",
                "oauth.check.access.token.type", "false",
                "oauth.username.claim", "sub")));
        return handler;
    }

    /**
     * Closes Kafka's handler and the JWKS refresher behind it. In Kafka 4.3.1 {@code close()} alone
     * leaves that refresher's (non-daemon) thread running: {@code BrokerJwtValidator} takes its key
     * resolver from {@code VerificationKeyResolverFactory}'s static cache and never closes it, which
     * would keep the forked benchmark JVM from exiting. Harmless on a broker, where the handler
     * lives as long as the process; here the refreshers are closed through reflection, best effort.
     */
    static void closeKafka(AuthenticateCallbackHandler handler) {
        handler.close();
        try {
            Class<?> factory = Class.forName(
                    "org.apache.kafka.common.security.oauthbearer.internals.secured.VerificationKeyResolverFactory");
            java.lang.reflect.Field cacheField = factory.getDeclaredField("CACHE");
            cacheField.setAccessible(true);
            synchronized (factory) {
                Map<?, ?> cache = (Map<?, ?>) cacheField.get(null);
                for (Object refCounting : cache.values()) {
                    java.lang.reflect.Field delegate = refCounting.getClass().getDeclaredField("delegate");
                    delegate.setAccessible(true);
                    ((java.io.Closeable) delegate.get(refCounting)).close();
                }
                cache.clear();
            }
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
            System.err.println("claimgate-bench: could not stop Kafka's JWKS refresh thread (" + e
                    + "); JMH will wait for it and then end the fork");
        }
    }

    static void allowUrl(String url) {
        String current = System.getProperty(ALLOWED_URLS, "");
        if (!List.of(current.split(",")).contains(url)) {
            System.setProperty(ALLOWED_URLS, current.isEmpty() ? url : current + "," + url);
        }
    }

    /** One validation as Kafka performs it: the accepted token, or null if rejected. */
    static OAuthBearerToken validate(AuthenticateCallbackHandler handler, String token) throws Exception {
        return callback(handler, token).token();
    }

    /** One validation as Kafka performs it; the callback carries the token or the error status. */
    static OAuthBearerValidatorCallback callback(AuthenticateCallbackHandler handler, String token) throws Exception {
        OAuthBearerValidatorCallback callback = new OAuthBearerValidatorCallback(token);
        handler.handle(new Callback[] {callback});
        return callback;
    }

    /** Like {@link #validate}, but a rejection (by error status or exception, Strimzi's way) is null too. */
    static OAuthBearerToken validateQuietly(AuthenticateCallbackHandler handler, String token) {
        try {
            return validate(handler, token);
        } catch (Exception e) {
            return null;
        }
    }

    private static List<AppConfigurationEntry> jaas(Map<String, String> options) {
        return List.of(new AppConfigurationEntry(OAuthBearerLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options));
    }
}
