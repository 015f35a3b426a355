package io.claimgate.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every public option name of claimgate as a compile-time constant (code reads options by these).
 * The names are part of the public contract, documented in docs/CONFIGURATION.md. What each option
 * is (where it applies, default, range, secret, Kafka fallback) is declared once, in {@link Option};
 * the sets here are derived from it.
 */
public final class OptionNames {
    private OptionNames() {
    }

    // Shared by login and validation.
    public static final String ISSUER_URI = "oauth.issuer.uri";
    public static final String CLIENT_ID = "oauth.client.id";
    public static final String CLIENT_SECRET = "oauth.client.secret";
    public static final String SSL_TRUSTSTORE_LOCATION = "oauth.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_TYPE = "oauth.ssl.truststore.type";
    public static final String SSL_TRUSTSTORE_PASSWORD = "oauth.ssl.truststore.password";
    public static final String SSL_KEYSTORE_LOCATION = "oauth.ssl.keystore.location";
    public static final String SSL_KEYSTORE_TYPE = "oauth.ssl.keystore.type";
    public static final String SSL_KEYSTORE_PASSWORD = "oauth.ssl.keystore.password";
    /** Inline PEM certificates to trust (Kafka's {@code ssl.truststore.certificates}, Strimzi's name). */
    public static final String SSL_TRUSTSTORE_CERTIFICATES = "oauth.ssl.truststore.certificates";
    /** Inline PEM PKCS#8 private key of the client certificate (Kafka's {@code ssl.keystore.key}). */
    public static final String SSL_KEYSTORE_KEY = "oauth.ssl.keystore.key";
    /** Inline PEM certificate chain of {@link #SSL_KEYSTORE_KEY} (Kafka's {@code ssl.keystore.certificate.chain}). */
    public static final String SSL_KEYSTORE_CERTIFICATE_CHAIN = "oauth.ssl.keystore.certificate.chain";
    /** The password of an encrypted PEM key, or of the key in a key store file (Kafka's {@code ssl.key.password}). */
    public static final String SSL_KEY_PASSWORD = "oauth.ssl.key.password";
    public static final String CONNECT_TIMEOUT_MS = "oauth.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "oauth.read.timeout.ms";
    public static final String HTTP_RETRIES = "oauth.http.retries";
    public static final String HTTP_RETRY_BACKOFF_MS = "oauth.http.retry.backoff.ms";
    public static final String HTTP_RETRY_BACKOFF_MAX_MS = "oauth.http.retry.backoff.max.ms";
    public static final String HTTP_PROXY_URI = "oauth.http.proxy.uri";

    // Client login.
    public static final String TOKEN_ENDPOINT_URI = "oauth.token.endpoint.uri";
    public static final String CLIENT_AUTH_METHOD = "oauth.client.auth.method";
    public static final String CLIENT_ASSERTION_KEY_LOCATION = "oauth.client.assertion.key.location";
    public static final String SCOPE = "oauth.scope";
    public static final String AUDIENCE = "oauth.audience";
    public static final String ACCESS_TOKEN = "oauth.access.token";
    public static final String ACCESS_TOKEN_LOCATION = "oauth.access.token.location";
    /**
     * claimgate's own: the grant the login asks for, {@code client_credentials} (default) or
     * {@code jwt_bearer} (RFC 7523 §2.1; the full URN is accepted too).
     */
    public static final String GRANT_TYPE = "oauth.grant.type";
    /**
     * The file holding the assertion of the jwt-bearer grant (e.g. a Kubernetes projected
     * service-account token), re-read on every token request; alone it selects that grant.
     */
    public static final String ASSERTION_LOCATION = "oauth.assertion.location";
    /**
     * A client assertion made by someone else (e.g. the federated token Azure workload identity
     * projects), sent as {@code client_assertion} instead of a secret, re-read on every token
     * request; alone it selects {@code private_key_jwt} client authentication.
     */
    public static final String CLIENT_ASSERTION_LOCATION = "oauth.client.assertion.location";
    /**
     * claimgate's own: {@code true} (default) lets the logins of one JVM with the same credential
     * share one token; {@code false} gives this login a token of its own.
     */
    public static final String TOKEN_SHARING = "oauth.token.sharing";
    /** Prefix: {@code oauth.sasl.extension.<name>=<value>} sends a SASL extension. */
    public static final String SASL_EXTENSION_PREFIX = "oauth.sasl.extension.";

    // Broker validation.
    public static final String JWKS_ENDPOINT_URI = "oauth.jwks.endpoint.uri";
    public static final String VALID_ISSUER_URI = "oauth.valid.issuer.uri";
    public static final String VALID_AUDIENCE = "oauth.valid.audience";
    public static final String REQUIRED_SCOPES = "oauth.required.scopes";
    public static final String ALLOWED_ALGORITHMS = "oauth.allowed.algorithms";
    public static final String CLOCK_SKEW_SECONDS = "oauth.clock.skew.seconds";
    public static final String MAX_TOKEN_LIFETIME_SECONDS = "oauth.max.token.lifetime.seconds";
    public static final String USERNAME_CLAIM = "oauth.username.claim";
    public static final String USERNAME_PREFIX = "oauth.username.prefix";
    public static final String GROUPS_CLAIM = "oauth.groups.claim";
    /** claimgate's own: put before every group name taken from the token (like {@link #USERNAME_PREFIX}). */
    public static final String GROUPS_PREFIX = "oauth.groups.prefix";
    public static final String SCOPE_CLAIM = "oauth.scope.claim";
    /**
     * claimgate's own: what separates scopes in a string scope claim, {@code space} (default, RFC
     * 6749) or {@code space,comma}.
     */
    public static final String SCOPE_CLAIM_SEPARATORS = "oauth.scope.claim.separators";
    public static final String CLAIM_CHECK = "oauth.claim.check";
    public static final String INTROSPECTION_ENDPOINT_URI = "oauth.introspection.endpoint.uri";
    public static final String JWKS_REFRESH_SECONDS = "oauth.jwks.refresh.seconds";
    public static final String JWKS_REFRESH_MIN_PAUSE_SECONDS = "oauth.jwks.refresh.min.pause.seconds";
    public static final String TOKEN_CACHE_MAX_ENTRIES = "oauth.token.cache.max.entries";
    public static final String ISSUERS = "oauth.issuers";
    /**
     * claimgate's own: with several {@link #ISSUERS}, {@code true} lets their tokens produce the
     * same user and group names (default false: each issuer needs its own, prefix-free prefixes).
     */
    public static final String ISSUERS_SHARED_NAMESPACE = "oauth.issuers.shared.namespace";
    /** claimgate's own: longest time the last good JWKS keeps serving while refreshes fail (0 = no limit). */
    public static final String JWKS_MAX_AGE_SECONDS = "oauth.jwks.max.age.seconds";
    /** claimgate's own: refuse to start when the IdP cannot be reached at start-up (default false). */
    public static final String FAIL_FAST = "oauth.fail.fast";
    /** claimgate's own: accepted JWT {@code typ} header values (comma list); unset = not checked. */
    public static final String ALLOWED_TOKEN_TYPES = "oauth.allowed.token.types";
    /** claimgate's own: consecutive IdP failures that open an endpoint's circuit breaker. */
    public static final String CIRCUIT_BREAKER_FAILURES = "oauth.circuit.breaker.failures";
    /** claimgate's own: how long an open circuit breaker fails calls fast before one probe. */
    public static final String CIRCUIT_BREAKER_COOLDOWN_MS = "oauth.circuit.breaker.cooldown.ms";
    /** Prefix: {@code oauth.issuer.<id>.<option>} configures one issuer of {@link #ISSUERS}. */
    public static final String ISSUER_PREFIX = "oauth.issuer.";
    /** claimgate's own: SASL extensions a client may send (comma list). */
    public static final String ALLOWED_SASL_EXTENSIONS = "oauth.allowed.sasl.extensions";
    /**
     * claimgate's own: {@code auto} (default) introspects opaque tokens when an introspection
     * endpoint is configured or discovered with client credentials; {@code true} requires it;
     * {@code false} never introspects.
     */
    public static final String INTROSPECTION_ENABLED = "oauth.introspection.enabled";
    /**
     * claimgate's own: the time one authentication on the broker may spend waiting for the IdP
     * (discovery, introspection), all steps together.
     */
    public static final String VALIDATION_TIMEOUT_MS = "oauth.validation.timeout.ms";
    /** claimgate's own: largest token accepted, in bytes (default 65536). */
    public static final String MAX_TOKEN_BYTES = "oauth.max.token.bytes";

    /**
     * Kafka's built-in {@code sasl.oauthbearer.*} configs honoured as fallbacks, so that a broker or
     * client configured for Kafka's built-in handler keeps working after swapping the class name:
     * the unconditional ones declared in {@link Option} (see {@link #kafkaFallback} for the rest).
     */
    public static final Map<String, String> KAFKA_FALLBACKS = unconditionalKafkaFallbacks();

    /** Kafka's pre-made assertion file (KIP-1139, KIP-1258); what it means depends on the retriever. */
    public static final String KAFKA_ASSERTION_FILE = "sasl.oauthbearer.assertion.file";
    /** Kafka's choice of how its own login gets tokens. */
    public static final String KAFKA_JWT_RETRIEVER_CLASS = "sasl.oauthbearer.jwt.retriever.class";
    /** The Kafka retriever of the jwt-bearer grant (KIP-1139); Kafka's default asks for client credentials. */
    public static final String KAFKA_JWT_BEARER_RETRIEVER = "org.apache.kafka.common.security.oauthbearer.JwtBearerJwtRetriever";

    /**
     * The Kafka config read when {@code option} is not set, given Kafka's configs; null if none.
     * {@link #KAFKA_FALLBACKS}, plus {@value #KAFKA_ASSERTION_FILE}, which Kafka 4.3 reads as its
     * login reads it: the jwt-bearer grant's assertion ({@link #ASSERTION_LOCATION}) when
     * {@value #KAFKA_JWT_RETRIEVER_CLASS} is {@value #KAFKA_JWT_BEARER_RETRIEVER}, else the client
     * assertion of the client credentials grant ({@link #CLIENT_ASSERTION_LOCATION}, KIP-1258).
     * Kafka's other {@code sasl.oauthbearer.assertion.*} configs make Kafka sign an assertion
     * itself: claimgate has no such feature and does not read them.
     */
    public static String kafkaFallback(String option, Function<String, String> kafkaConfig) {
        Option declared = Option.named(option).orElse(null);
        if (declared == null || declared.kafkaFallback().isEmpty()) {
            return null;
        }
        if (declared.kafkaFallbackConditional()) {
            String retriever = kafkaConfig.apply(KAFKA_JWT_RETRIEVER_CLASS);
            boolean jwtBearer = retriever != null && retriever.trim().equals(KAFKA_JWT_BEARER_RETRIEVER);
            if (jwtBearer != declared.kafkaFallbackWithJwtBearerRetriever()) {
                return null;
            }
        }
        return declared.kafkaFallback().get();
    }

    /**
     * The JAAS option names of Kafka's built-in client-credentials login (KIP-768), read when
     * claimgate's own option and Kafka's config ({@link #KAFKA_FALLBACKS}) are absent, the order
     * Kafka's own handler uses (there the config wins and the JAAS name is deprecated), so a
     * client's {@code sasl.jaas.config} written for Kafka's handler keeps working. Setting both
     * claimgate's name and Kafka's JAAS name fails start-up.
     */
    public static final Map<String, String> KAFKA_JAAS_NAMES = Map.of(
            CLIENT_ID, "clientId", CLIENT_SECRET, "clientSecret", SCOPE, "scope");

    /**
     * Every JAAS option claimgate reads (those {@link Option} declares for login or validation); an
     * {@code oauth.*} JAAS option not listed here is a typo.
     */
    public static final Set<String> ALL = jaasOptions();

    /**
     * Whether an option holds a secret: its value is never echoed in a message or a log. As
     * {@link Option} declares it; a name it does not declare counts as secret, so a message about an
     * option the table does not know hides the value rather than showing it.
     */
    public static boolean isSecret(String name) {
        return Option.named(name).map(Option::secret).orElse(true);
    }

    private static Set<String> jaasOptions() {
        Set<String> names = new LinkedHashSet<>(Option.names(Option.Use.LOGIN));
        names.addAll(Option.names(Option.Use.VALIDATION));
        return Collections.unmodifiableSet(names);
    }

    private static Map<String, String> unconditionalKafkaFallbacks() {
        Map<String, String> fallbacks = new LinkedHashMap<>();
        for (Option option : Option.values()) {
            if (!option.kafkaFallbackConditional()) {
                option.kafkaFallback().ifPresent(kafka -> fallbacks.put(option.optionName(), kafka));
            }
        }
        return Collections.unmodifiableMap(fallbacks);
    }
}
