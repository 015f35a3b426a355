package io.claimgate.it;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Client configurations for tests: producer, consumer and admin {@link Properties} against a
 * listener, combined with security settings from the factory methods below.
 *
 * <p>Timeouts are short (10 s per request, 15 s per API call or blocking send) so that a test that
 * is going to fail does so quickly instead of hanging on Kafka's minute-long defaults.
 */
public final class Clients {

    public static final String KAFKA_LOGIN_HANDLER =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
    /** claimgate's login handler, referenced by name: the shaded client jar provides it. */
    public static final String CLAIMGATE_LOGIN_HANDLER = "io.claimgate.login.OAuthLoginCallbackHandler";
    public static final String ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private static final Object ALLOWED_URLS_LOCK = new Object();

    private Clients() {
    }

    /** String keys and values, acks=all, idempotent, short timeouts. */
    public static Properties producer(String bootstrapServers, Properties security) {
        Properties p = common(bootstrapServers, security);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("acks", "all");
        p.put("max.block.ms", "15000");
        p.put("delivery.timeout.ms", "20000");
        p.put("linger.ms", "0");
        return p;
    }

    /** String keys and values, reads from the earliest offset, no auto commit. */
    public static Properties consumer(String bootstrapServers, String groupId, Properties security) {
        Properties p = common(bootstrapServers, security);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("group.id", groupId);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("session.timeout.ms", "10000");
        p.put("heartbeat.interval.ms", "1000");
        return p;
    }

    public static Properties admin(String bootstrapServers, Properties security) {
        return common(bootstrapServers, security);
    }

    /** No security (a PLAINTEXT listener). */
    public static Properties plaintext() {
        Properties p = new Properties();
        p.put("security.protocol", "PLAINTEXT");
        return p;
    }

    /**
     * SASL/OAUTHBEARER with any login callback handler: {@code security.protocol},
     * {@code sasl.mechanism=OAUTHBEARER}, {@code sasl.jaas.config} and, if not null,
     * {@code sasl.login.callback.handler.class}.
     */
    public static Properties oauthBearer(String securityProtocol, String jaasConfig, String loginCallbackHandlerClass) {
        Properties p = new Properties();
        p.put("security.protocol", securityProtocol);
        p.put("sasl.mechanism", "OAUTHBEARER");
        p.put("sasl.jaas.config", jaasConfig);
        if (loginCallbackHandlerClass != null) {
            p.put("sasl.login.callback.handler.class", loginCallbackHandlerClass);
        }
        p.put("sasl.login.connect.timeout.ms", "5000");
        p.put("sasl.login.read.timeout.ms", "5000");
        p.put("sasl.login.retry.backoff.ms", "100");
        p.put("sasl.login.retry.backoff.max.ms", "1000");
        return p;
    }

    /**
     * Kafka's own client_credentials login ({@value #KAFKA_LOGIN_HANDLER}) against {@code idp}'s
     * token endpoint, over SASL_PLAINTEXT. Also adds the IdP's URLs to this JVM's
     * {@value #ALLOWED_URLS_PROPERTY}, without which Kafka 4 refuses the token endpoint.
     */
    public static Properties kafkaOAuth(EmbeddedIdp idp, String clientId, String clientSecret) {
        allowUrls(idp.allowedUrls());
        Properties p = oauthBearer("SASL_PLAINTEXT", Jaas.oauthBearer(Map.of()), KAFKA_LOGIN_HANDLER);
        p.put("sasl.oauthbearer.token.endpoint.url", idp.tokenEndpoint());
        p.put("sasl.oauthbearer.client.credentials.client.id", clientId);
        p.put("sasl.oauthbearer.client.credentials.client.secret", clientSecret);
        return p;
    }

    /**
     * claimgate's login ({@value #CLAIMGATE_LOGIN_HANDLER}) with {@code oauth.token.endpoint.uri},
     * {@code oauth.client.id}, {@code oauth.client.secret} and any further JAAS options
     * (docs/CONFIGURATION.md names them), over SASL_PLAINTEXT. Also allows the IdP's URLs in this JVM.
     */
    public static Properties claimgateOAuth(EmbeddedIdp idp, String clientId, String clientSecret, Map<String, String> moreOptions) {
        allowUrls(idp.allowedUrls());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.token.endpoint.uri", idp.tokenEndpoint());
        options.put("oauth.client.id", clientId);
        options.put("oauth.client.secret", clientSecret);
        options.putAll(moreOptions);
        return oauthBearer("SASL_PLAINTEXT", Jaas.oauthBearer(options), CLAIMGATE_LOGIN_HANDLER);
    }

    /**
     * Adds URLs (comma-separated) to this JVM's {@value #ALLOWED_URLS_PROPERTY}, keeping those
     * already there (several IdPs may serve one test JVM). Kafka reads the property on every check,
     * so this works at any time before a client is created.
     */
    public static void allowUrls(String commaSeparatedUrls) {
        synchronized (ALLOWED_URLS_LOCK) {
            Set<String> urls = new LinkedHashSet<>();
            for (String list : new String[] {System.getProperty(ALLOWED_URLS_PROPERTY, ""), commaSeparatedUrls}) {
                Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(urls::add);
            }
            System.setProperty(ALLOWED_URLS_PROPERTY, urls.stream().collect(Collectors.joining(",")));
        }
    }

    private static Properties common(String bootstrapServers, Properties security) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("request.timeout.ms", "10000");
        p.put("default.api.timeout.ms", "15000");
        p.put("socket.connection.setup.timeout.ms", "5000");
        p.put("socket.connection.setup.timeout.max.ms", "10000");
        p.put("reconnect.backoff.max.ms", "1000");
        p.put("retry.backoff.max.ms", "1000");
        p.put("metadata.max.age.ms", "10000");
        for (String key : security.stringPropertyNames()) {
            p.put(key, security.getProperty(key));
        }
        return p;
    }
}
