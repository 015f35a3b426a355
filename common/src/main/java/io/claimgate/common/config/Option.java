package io.claimgate.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one declaration of every option: the {@code oauth.*} JAAS options of login and validation,
 * and the {@code claimgate.*} configs of the authorizer and the record filter. For each: where it applies, its type, default and
 * range, whether it is a secret, and the Kafka config read when it is not set.
 * {@code OptionTableDocsTest} fails when docs/CONFIGURATION.md's option tables say otherwise.
 *
 * <p>Everything else is derived from here: the known JAAS options ({@link OptionNames#ALL}), the
 * Kafka fallbacks ({@link OptionNames#kafkaFallback}), which values are secret
 * ({@link OptionNames#isSecret}), the validator's option sets (per issuer, issuer identity,
 * listener-wide); and {@link OptionReader}'s typed reads ({@code reader.integer(Option.X)}, ...)
 * parse a value with its declared type, default and range on both the login and the broker side. It costs about 10 KB in
 * {@code claimgate-login}, which stays far within its 1 MiB bound.
 *
 * <p>The names themselves stay compile-time constants in {@link OptionNames} (code reads options
 * by those); each is declared here exactly once.
 */
public enum Option {
    // Shared by login and validation (per issuer on a broker).
    ISSUER_URI(OptionNames.ISSUER_URI, "OIDC discovery: the issuer whose metadata names the endpoints",
            OptionSpec.of(Type.URI, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY)),
    CLIENT_ID(OptionNames.CLIENT_ID, "the client id at the IdP (token requests, introspection)",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY)
                    .kafka("sasl.oauthbearer.client.credentials.client.id")),
    CLIENT_SECRET(OptionNames.CLIENT_SECRET, "the client secret at the IdP",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY).secret()
                    .kafka("sasl.oauthbearer.client.credentials.client.secret")),
    SSL_TRUSTSTORE_LOCATION(OptionNames.SSL_TRUSTSTORE_LOCATION, "CAs to trust for the IdP (key store or PEM file)",
            OptionSpec.of(Type.FILE, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER)),
    SSL_TRUSTSTORE_TYPE(OptionNames.SSL_TRUSTSTORE_TYPE, "PKCS12, JKS or PEM",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).defaultValue("PKCS12")),
    SSL_TRUSTSTORE_PASSWORD(OptionNames.SSL_TRUSTSTORE_PASSWORD, "password of the trust store",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).secret()),
    SSL_KEYSTORE_LOCATION(OptionNames.SSL_KEYSTORE_LOCATION, "client certificate for mTLS to the IdP",
            OptionSpec.of(Type.FILE, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER)),
    SSL_KEYSTORE_TYPE(OptionNames.SSL_KEYSTORE_TYPE, "PKCS12, JKS or PEM",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).defaultValue("PKCS12")),
    SSL_KEYSTORE_PASSWORD(OptionNames.SSL_KEYSTORE_PASSWORD, "password of the key store",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).secret()),
    SSL_TRUSTSTORE_CERTIFICATES(OptionNames.SSL_TRUSTSTORE_CERTIFICATES, "CAs to trust as inline PEM",
            OptionSpec.of(Type.PEM, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER)),
    SSL_KEYSTORE_KEY(OptionNames.SSL_KEYSTORE_KEY, "inline PEM PKCS#8 private key of the client certificate",
            OptionSpec.of(Type.PEM, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).secret()),
    SSL_KEYSTORE_CERTIFICATE_CHAIN(OptionNames.SSL_KEYSTORE_CERTIFICATE_CHAIN, "inline PEM chain of the client certificate",
            OptionSpec.of(Type.PEM, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER)),
    SSL_KEY_PASSWORD(OptionNames.SSL_KEY_PASSWORD, "password of an encrypted PEM key or of the key in a key store",
            OptionSpec.of(Type.STRING, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).secret()),
    CONNECT_TIMEOUT_MS(OptionNames.CONNECT_TIMEOUT_MS, "TCP/TLS connect timeout to the IdP",
            OptionSpec.of(Type.MILLIS, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).defaultValue("10000").range(1, 300_000)),
    READ_TIMEOUT_MS(OptionNames.READ_TIMEOUT_MS, "time for the IdP's response",
            OptionSpec.of(Type.MILLIS, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER).defaultValue("10000").range(1, 300_000)),
    /*
     * Login runs outside any request path, so a few retries cost nothing and ride out IdP blips.
     * The broker's validator never retries, whatever this says: it must not wait on a network thread.
     */
    HTTP_RETRIES(OptionNames.HTTP_RETRIES, "extra attempts of a token request after a transient failure",
            OptionSpec.of(Type.INT, Use.LOGIN).defaultValue("2").range(0, 100)),
    HTTP_RETRY_BACKOFF_MS(OptionNames.HTTP_RETRY_BACKOFF_MS, "longest wait before the first retry",
            OptionSpec.of(Type.MILLIS, Use.LOGIN).defaultValue("300").range(0, 600_000)),
    HTTP_RETRY_BACKOFF_MAX_MS(OptionNames.HTTP_RETRY_BACKOFF_MAX_MS, "upper bound of a retry's wait",
            OptionSpec.of(Type.MILLIS, Use.LOGIN).defaultValue("10000").range(0, 3_600_000)),
    HTTP_PROXY_URI(OptionNames.HTTP_PROXY_URI, "forward HTTP proxy for every request to the IdP",
            OptionSpec.of(Type.URI, Use.LOGIN, Use.VALIDATION, Use.PER_ISSUER)),

    // Client login.
    TOKEN_ENDPOINT_URI(OptionNames.TOKEN_ENDPOINT_URI, "the IdP's token endpoint",
            OptionSpec.of(Type.URI, Use.LOGIN).kafka("sasl.oauthbearer.token.endpoint.url")),
    CLIENT_AUTH_METHOD(OptionNames.CLIENT_AUTH_METHOD, "how the client authenticates to the token endpoint",
            OptionSpec.of(Type.CHOICE, Use.LOGIN).defaultValue("client_secret_basic")),
    CLIENT_ASSERTION_KEY_LOCATION(OptionNames.CLIENT_ASSERTION_KEY_LOCATION, "PEM private key for private_key_jwt",
            OptionSpec.of(Type.FILE, Use.LOGIN)),
    SCOPE(OptionNames.SCOPE, "sent as scope", OptionSpec.of(Type.STRING, Use.LOGIN).kafka("sasl.oauthbearer.scope")),
    AUDIENCE(OptionNames.AUDIENCE, "sent as audience", OptionSpec.of(Type.STRING, Use.LOGIN)),
    ACCESS_TOKEN(OptionNames.ACCESS_TOKEN, "a static token", OptionSpec.of(Type.STRING, Use.LOGIN).secret()),
    ACCESS_TOKEN_LOCATION(OptionNames.ACCESS_TOKEN_LOCATION, "a file holding the token, re-read on every refresh",
            OptionSpec.of(Type.FILE, Use.LOGIN)),
    GRANT_TYPE(OptionNames.GRANT_TYPE, "client_credentials or jwt_bearer",
            OptionSpec.of(Type.CHOICE, Use.LOGIN).defaultValue("client_credentials")),
    ASSERTION_LOCATION(OptionNames.ASSERTION_LOCATION, "the jwt-bearer grant's assertion file",
            OptionSpec.of(Type.FILE, Use.LOGIN).kafkaWithJwtBearerRetriever(OptionNames.KAFKA_ASSERTION_FILE)),
    CLIENT_ASSERTION_LOCATION(OptionNames.CLIENT_ASSERTION_LOCATION, "a ready-made client assertion file",
            OptionSpec.of(Type.FILE, Use.LOGIN).kafkaWithDefaultRetriever(OptionNames.KAFKA_ASSERTION_FILE)),
    TOKEN_SHARING(OptionNames.TOKEN_SHARING, "whether the logins of one JVM with the same credential share a token",
            OptionSpec.of(Type.BOOLEAN, Use.LOGIN).defaultValue("true")),

    // Broker validation.
    JWKS_ENDPOINT_URI(OptionNames.JWKS_ENDPOINT_URI, "the IdP's JSON Web Key Set",
            OptionSpec.of(Type.URI, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY, Use.PER_ISSUER_ONLY)
                    .kafka("sasl.oauthbearer.jwks.endpoint.url")),
    VALID_ISSUER_URI(OptionNames.VALID_ISSUER_URI, "required iss",
            OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY, Use.PER_ISSUER_ONLY)
                    .kafka("sasl.oauthbearer.expected.issuer")),
    VALID_AUDIENCE(OptionNames.VALID_AUDIENCE, "accepted audiences",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER).kafka("sasl.oauthbearer.expected.audience")),
    REQUIRED_SCOPES(OptionNames.REQUIRED_SCOPES, "scopes a token must carry",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER)),
    ALLOWED_ALGORITHMS(OptionNames.ALLOWED_ALGORITHMS, "accepted signature algorithms",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER)
                    .defaultValue("RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA")),
    CLOCK_SKEW_SECONDS(OptionNames.CLOCK_SKEW_SECONDS, "tolerance for exp, nbf, iat",
            OptionSpec.of(Type.SECONDS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("30").range(0, 3600)
                    .kafka("sasl.oauthbearer.clock.skew.seconds")),
    MAX_TOKEN_LIFETIME_SECONDS(OptionNames.MAX_TOKEN_LIFETIME_SECONDS, "longest exp - iat accepted",
            OptionSpec.of(Type.SECONDS, Use.VALIDATION, Use.PER_ISSUER).range(1, 315_360_000)),
    USERNAME_CLAIM(OptionNames.USERNAME_CLAIM, "claims naming the principal, a fallback chain",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER).defaultValue("sub")
                    .kafka("sasl.oauthbearer.sub.claim.name")),
    USERNAME_PREFIX(OptionNames.USERNAME_PREFIX, "put before every mapped user name",
            OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER)),
    GROUPS_CLAIM(OptionNames.GROUPS_CLAIM, "claim holding the groups", OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER)),
    GROUPS_PREFIX(OptionNames.GROUPS_PREFIX, "put before every group name",
            OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER)),
    SCOPE_CLAIM(OptionNames.SCOPE_CLAIM, "claim holding the scopes",
            OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER).defaultValue("scope")
                    .kafka("sasl.oauthbearer.scope.claim.name")),
    SCOPE_CLAIM_SEPARATORS(OptionNames.SCOPE_CLAIM_SEPARATORS, "what separates scopes in a string scope claim",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER).defaultValue("space")),
    CLAIM_CHECK(OptionNames.CLAIM_CHECK, "a CEL expression over claims that must be true",
            OptionSpec.of(Type.STRING, Use.VALIDATION, Use.PER_ISSUER)),
    INTROSPECTION_ENDPOINT_URI(OptionNames.INTROSPECTION_ENDPOINT_URI, "RFC 7662 introspection of opaque tokens",
            OptionSpec.of(Type.URI, Use.VALIDATION, Use.PER_ISSUER, Use.ISSUER_IDENTITY, Use.PER_ISSUER_ONLY)),
    JWKS_REFRESH_SECONDS(OptionNames.JWKS_REFRESH_SECONDS, "periodic key refresh",
            OptionSpec.of(Type.SECONDS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("300").range(1, 86_400)),
    JWKS_REFRESH_MIN_PAUSE_SECONDS(OptionNames.JWKS_REFRESH_MIN_PAUSE_SECONDS, "rate limit of unknown-kid refreshes",
            OptionSpec.of(Type.SECONDS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("1").range(0, 3600)),
    /* A validated token costs about 1-2 KB in the cache: the default stays within ~20 MB of heap. */
    TOKEN_CACHE_MAX_ENTRIES(OptionNames.TOKEN_CACHE_MAX_ENTRIES, "validated tokens remembered; 0 = no cache",
            OptionSpec.of(Type.INT, Use.VALIDATION, Use.LISTENER).defaultValue("10000").range(0, 10_000_000)),
    ISSUERS(OptionNames.ISSUERS, "several issuers on one listener", OptionSpec.of(Type.LIST, Use.VALIDATION, Use.LISTENER)),
    ISSUERS_SHARED_NAMESPACE(OptionNames.ISSUERS_SHARED_NAMESPACE, "several issuers may produce the same names",
            OptionSpec.of(Type.BOOLEAN, Use.VALIDATION, Use.LISTENER).defaultValue("false")),
    ALLOWED_SASL_EXTENSIONS(OptionNames.ALLOWED_SASL_EXTENSIONS, "SASL extensions a client may send",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.LISTENER)),
    MAX_TOKEN_BYTES(OptionNames.MAX_TOKEN_BYTES, "largest token accepted",
            OptionSpec.of(Type.INT, Use.VALIDATION, Use.PER_ISSUER).defaultValue("65536").range(256, 1024 * 1024)),
    /*
     * One day: long enough to ride out a night-long IdP outage with no effect on clients; short
     * enough that a key the IdP withdrew (say, after a compromise) stops being trusted within a day
     * even if the broker cannot reach the IdP, which an attacker holding that key would try to
     * arrange. 0 lifts the limit.
     */
    JWKS_MAX_AGE_SECONDS(OptionNames.JWKS_MAX_AGE_SECONDS, "how long the last good keys serve while refreshes fail",
            OptionSpec.of(Type.SECONDS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("86400").range(0, 315_360_000)),
    FAIL_FAST(OptionNames.FAIL_FAST, "refuse to start when the IdP cannot be reached",
            OptionSpec.of(Type.BOOLEAN, Use.VALIDATION, Use.LISTENER).defaultValue("false")),
    ALLOWED_TOKEN_TYPES(OptionNames.ALLOWED_TOKEN_TYPES, "accepted JWT typ headers",
            OptionSpec.of(Type.LIST, Use.VALIDATION, Use.PER_ISSUER)),
    CIRCUIT_BREAKER_FAILURES(OptionNames.CIRCUIT_BREAKER_FAILURES, "consecutive failures that open the breaker",
            OptionSpec.of(Type.INT, Use.VALIDATION, Use.PER_ISSUER).defaultValue("5").range(1, 1000)),
    CIRCUIT_BREAKER_COOLDOWN_MS(OptionNames.CIRCUIT_BREAKER_COOLDOWN_MS, "time an open breaker fails fast",
            OptionSpec.of(Type.MILLIS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("10000").range(1, 3_600_000)),
    INTROSPECTION_ENABLED(OptionNames.INTROSPECTION_ENABLED, "auto, true or false",
            OptionSpec.of(Type.CHOICE, Use.VALIDATION, Use.PER_ISSUER).defaultValue("auto")),
    /*
     * 1.5 s: an authentication runs on a Kafka network thread that serves many connections, so what
     * it may wait for the IdP should be short; 1.5 s leaves a healthy IdP (tens of milliseconds) a
     * wide margin, and Kafka's clients retry a refused authentication after their reconnect backoff.
     */
    VALIDATION_TIMEOUT_MS(OptionNames.VALIDATION_TIMEOUT_MS, "time one authentication may wait for the IdP",
            OptionSpec.of(Type.MILLIS, Use.VALIDATION, Use.PER_ISSUER).defaultValue("1500").range(10, 30_000)),

    // Broker properties of ClaimAuthorizer and consumer configs of the record filter (Kafka configs, not JAAS).
    POLICY_LOCATION("claimgate.policy.location", "the policy file",
            OptionSpec.of(Type.FILE, Use.AUTHORIZER, Use.RECORD_FILTER)),
    POLICY_RELOAD_SECONDS("claimgate.policy.reload.seconds", "how often the policy file is checked; 0 = never",
            OptionSpec.of(Type.SECONDS, Use.AUTHORIZER, Use.RECORD_FILTER).defaultValue("5").range(0, 86_400)),
    AUTHORIZER_MODE("claimgate.authorizer.mode", "enforce, or audit (would-be denials logged, then allowed)",
            OptionSpec.of(Type.CHOICE, Use.AUTHORIZER).defaultValue("enforce")),
    GROUP_PRINCIPAL_TYPE("claimgate.group.principal.type", "the principal type of ACLs that name a group",
            OptionSpec.of(Type.STRING, Use.AUTHORIZER).defaultValue("Group")),
    AUTHORIZER_CACHE_MAX_ENTRIES("claimgate.authorizer.cache.max.entries", "decision-cache bound; 0 = no cache",
            OptionSpec.of(Type.INT, Use.AUTHORIZER).defaultValue("100000").range(0, 10_000_000)),
    /*
     * Each topic tag is up to 2 x (operations used) series; 100000 topics is already more than a
     * Prometheus server wants from one broker.
     */
    AUTHORIZER_METRICS_MAX_TOPICS("claimgate.authorizer.metrics.max.topics", "distinct topic tags of per-topic meters",
            OptionSpec.of(Type.INT, Use.AUTHORIZER).defaultValue("1000").range(0, 100_000)),
    FILTER_VALUE_DESERIALIZER("claimgate.filter.value.deserializer", "the application's own value deserializer",
            OptionSpec.of(Type.STRING, Use.RECORD_FILTER)),
    FILTER_PRINCIPAL("claimgate.filter.principal", "the principal to filter for without claimgate's login",
            OptionSpec.of(Type.STRING, Use.RECORD_FILTER));

    /** Where an option applies, and the rules of the broker's several-issuer configuration. */
    public enum Use {
        /** read by the client login handler */
        LOGIN,
        /** read by the broker's validator */
        VALIDATION,
        /** may be given per issuer as {@code oauth.issuer.<id>.<option without oauth.>} */
        PER_ISSUER,
        /**
         * says which IdP an issuer is and how to authenticate to it: with several issuers never
         * inherited from the unscoped option, which may belong to another IdP (or to the broker's
         * own login on the same JAAS entry)
         */
        ISSUER_IDENTITY,
        /** validation-only: with several issuers it must be given per issuer, the unscoped one is refused */
        PER_ISSUER_ONLY,
        /** applies to the whole listener; never per issuer */
        LISTENER,
        /** a broker property of {@code ClaimAuthorizer} */
        AUTHORIZER,
        /** a consumer config of the record filter */
        RECORD_FILTER
    }

    /** What a value is; for the docs and for checks, the reader still parses. */
    public enum Type { STRING, URI, FILE, PEM, INT, MILLIS, SECONDS, BOOLEAN, LIST, CHOICE }

    private final String optionName;
    private final String doc;
    private final OptionSpec spec;

    Option(String optionName, String doc, OptionSpec spec) {
        this.optionName = optionName;
        this.doc = doc;
        this.spec = spec;
    }

    /** The option's name, e.g. {@code oauth.clock.skew.seconds}. */
    public String optionName() {
        return optionName;
    }

    public String doc() {
        return doc;
    }

    public Type type() {
        return spec.type;
    }

    public boolean has(Use use) {
        return spec.uses.contains(use);
    }

    /** The default as docs/CONFIGURATION.md writes it; empty where there is none (or it depends on others). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(spec.defaultValue);
    }

    /** Smallest value accepted, for numbers with a range. */
    public Optional<Long> min() {
        return Optional.ofNullable(spec.min);
    }

    public Optional<Long> max() {
        return Optional.ofNullable(spec.max);
    }

    /**
     * The declared default of a number option (INT, MILLIS or SECONDS, in that unit).
     *
     * @throws IllegalStateException if the option is no such number or has no declared default and
     *                               range: a mistake in the code that reads it
     */
    public long defaultNumber() {
        checkNumber();
        return Long.parseLong(spec.defaultValue);
    }

    /** The smallest value of a number option; see {@link #defaultNumber()}. */
    public long minimum() {
        checkNumber();
        return spec.min;
    }

    /** The largest value of a number option; see {@link #defaultNumber()}. */
    public long maximum() {
        checkNumber();
        return spec.max;
    }

    /** The declared default of a BOOLEAN option. */
    public boolean defaultBoolean() {
        if (spec.type != Type.BOOLEAN || spec.defaultValue == null) {
            throw new IllegalStateException(optionName + " is not a boolean with a declared default");
        }
        return Boolean.parseBoolean(spec.defaultValue);
    }

    /** Fails when code reads this option as another type than declared: a mistake in that code. */
    void expect(Type read) {
        if (spec.type != read) {
            throw new IllegalStateException(optionName + " is declared " + spec.type + ", read as " + read);
        }
    }

    private void checkNumber() {
        if ((spec.type != Type.INT && spec.type != Type.MILLIS && spec.type != Type.SECONDS)
                || spec.defaultValue == null || spec.min == null) {
            throw new IllegalStateException(optionName + " is not a number with a declared default and range");
        }
    }

    /** Whether its value is a secret: never echoed in a message or a log. */
    public boolean secret() {
        return spec.secret;
    }

    /**
     * The Kafka config read when the option is not set, if any. For the two assertion files it is
     * read only with the matching {@code sasl.oauthbearer.jwt.retriever.class}
     * ({@link OptionNames#kafkaFallback}); see {@link #kafkaFallbackConditional()}.
     */
    public Optional<String> kafkaFallback() {
        return Optional.ofNullable(spec.kafkaFallback);
    }

    /** Whether {@link #kafkaFallback()} depends on Kafka's choice of JWT retriever. */
    public boolean kafkaFallbackConditional() {
        return spec.fallbackCondition != null;
    }

    /** Whether the fallback is read when Kafka's login uses its jwt-bearer retriever (else: when it does not). */
    boolean kafkaFallbackWithJwtBearerRetriever() {
        return Boolean.TRUE.equals(spec.fallbackCondition);
    }

    private static final Map<String, Option> BY_NAME;

    static {
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option option : values()) {
            if (byName.put(option.optionName, option) != null) {
                throw new IllegalStateException("option declared twice: " + option.optionName);
            }
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    /** The declared option of that name. */
    public static Optional<Option> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The names of every declared option, in declaration order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The names of the options with that use, in declaration order. */
    public static Set<String> names(Use use) {
        Set<String> names = new LinkedHashSet<>();
        for (Option option : values()) {
            if (option.has(use)) {
                names.add(option.optionName);
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
