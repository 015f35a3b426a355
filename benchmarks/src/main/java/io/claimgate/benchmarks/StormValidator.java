package io.claimgate.benchmarks;

import io.claimgate.it.ListenerSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker-side validators of the authentication storm, each configured on a broker listener as
 * an operator would, with the settings {@link Handlers} gives them in the JMH benchmarks: same JWKS
 * URL, expected issuer and audience, principal from {@code sub}.
 */
enum StormValidator {
    /** Kafka's unsecured validator with unsigned tokens: the broker's cost of a SASL authentication without any signature. */
    FLOOR("org.apache.kafka.common.security.oauthbearer.internals.unsecured.OAuthBearerUnsecuredValidatorCallbackHandler"),
    CLAIMGATE("io.claimgate.server.OAuthValidatorCallbackHandler"),
    KAFKA("org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler"),
    STRIMZI("io.strimzi.kafka.oauth.server.JaasServerOauthValidatorCallbackHandler");

    static final String LISTENER = "STORM";
    private static final String STRIMZI_CLASSPATH = "/claimgate-bench/strimzi-broker.classpath";

    private final String handlerClass;

    StormValidator(String handlerClass) {
        this.handlerClass = handlerClass;
    }

    static StormValidator named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    String handlerClass() {
        return handlerClass;
    }

    /** Its listener on a broker shared by all validators ({@code --broker=shared}), e.g. {@code STORM_CLAIMGATE}. */
    String sharedListener() {
        return LISTENER + "_" + name();
    }

    boolean signed() {
        return this != FLOOR;
    }

    /** The SASL_PLAINTEXT OAUTHBEARER listener {@value #LISTENER} validated by this validator. */
    ListenerSpec listener(String jwksUrl, Map<String, String> claimgateOptions) {
        return listener(LISTENER, jwksUrl, claimgateOptions);
    }

    /** A SASL_PLAINTEXT OAUTHBEARER listener named {@code name} validated by this validator. */
    ListenerSpec listener(String name, String jwksUrl) {
        return listener(name, jwksUrl, Map.of());
    }

    /**
     * A SASL_PLAINTEXT OAUTHBEARER listener named {@code name} validated by this validator;
     * {@code claimgateOptions} (e.g. {@code oauth.token.cache.max.entries}) are added to claimgate's
     * JAAS options, replacing the defaults below, and ignored by the other validators.
     */
    ListenerSpec listener(String name, String jwksUrl, Map<String, String> claimgateOptions) {
        Map<String, String> jaas = switch (this) {
            case FLOOR, KAFKA -> Map.of();
            case CLAIMGATE -> Map.of(
                    "oauth.jwks.endpoint.uri", jwksUrl,
                    "oauth.valid.issuer.uri", TokenPool.ISSUER,
                    "oauth.valid.audience", TokenPool.AUDIENCE,
                    "oauth.username.claim", "sub");
            case STRIMZI -> Map.of(
                    "oauth.jwks.endpoint.uri", jwksUrl,
                    "oauth.valid.issuer.uri", TokenPool.ISSUER,
                    "oauth.client.id", TokenPool.AUDIENCE,
                    "oauth.check.audience", "true",
                    "oauth.check.access.token.type", "false",
                    "oauth.username.claim", "sub");
        };
        if (this == CLAIMGATE && !claimgateOptions.isEmpty()) {
            Map<String, String> merged = new TreeMap<>(jaas);
            merged.putAll(claimgateOptions);
            jaas = merged;
        }
        return ListenerSpec.oauthBearer(name, handlerClass, jaas);
    }

    /** Broker properties this validator reads (Kafka's built-in one is configured by {@code sasl.oauthbearer.*}). */
    Map<String, String> brokerProperties(String jwksUrl) {
        if (this != KAFKA) {
            return Map.of();
        }
        return Map.of(
                "sasl.oauthbearer.jwks.endpoint.url", jwksUrl,
                "sasl.oauthbearer.expected.issuer", TokenPool.ISSUER,
                "sasl.oauthbearer.expected.audience", TokenPool.AUDIENCE,
                "sasl.oauthbearer.sub.claim.name", "sub");
    }

    /**
     * Jars the broker needs besides Kafka's and the claimgate-broker jar it always carries: Strimzi's
     * validator and its libraries (see benchmarks/pom.xml, {@code strimzi-broker.classpath}).
     */
    List<Path> extraClasspath() {
        if (this != STRIMZI) {
            return List.of();
        }
        try (InputStream in = StormValidator.class.getResourceAsStream(STRIMZI_CLASSPATH)) {
            if (in == null) {
                throw new IllegalStateException(STRIMZI_CLASSPATH + " is missing; it is written by"
                        + " maven-dependency-plugin:build-classpath in benchmarks/pom.xml");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return List.of(text.split(File.pathSeparator)).stream().map(String::trim).filter(s -> !s.isEmpty())
                    .map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
