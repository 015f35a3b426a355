package io.claimgate.benchmarks;

import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The broker set-ups {@link ProduceThroughput} compares; all but {@link #PLAINTEXT} share one
 * SASL_PLAINTEXT OAUTHBEARER listener (claimgate's validator and principal builder) and differ only
 * in the authorizer.
 */
enum ProduceConfiguration {
    /** PLAINTEXT listener, no authorizer: the reference every ratio is relative to. */
    PLAINTEXT(null),
    /** OAUTHBEARER with claimgate's {@code ClaimAuthorizer} and a policy file of {@code rules} rules. */
    CLAIMGATE("io.claimgate.authorizer.ClaimAuthorizer"),
    /** OAUTHBEARER with Kafka's {@code StandardAuthorizer} and {@code rules} ACLs. */
    STANDARD("org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
    /** OAUTHBEARER without an authorizer: separates the SASL cost from the authorization cost. */
    OAUTH(null);

    static final String LISTENER = "BENCH";
    static final String PRINCIPAL_BUILDER = "io.claimgate.server.OAuthPrincipalBuilder";

    private final String authorizerClass;

    ProduceConfiguration(String authorizerClass) {
        this.authorizerClass = authorizerClass;
    }

    static ProduceConfiguration named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean oauth() {
        return this != PLAINTEXT;
    }

    /** Null when the broker runs without an authorizer. */
    String authorizerClass() {
        return authorizerClass;
    }

    /** The authorizer's class, or {@code none}, for the results. */
    String authorizerName() {
        return authorizerClass == null ? "none" : authorizerClass;
    }

    /**
     * A production-like broker ({@link StormBroker#productionSpec}) for this configuration: the
     * listener {@value #LISTENER}, claimgate's principal builder on OAUTHBEARER, the authorizer, and
     * the inter-broker ANONYMOUS as super user (it creates topics and ACLs).
     */
    KafkaClusterSpec brokerSpec(String jwksUrl, Path policyFile, List<String> brokerJvmOptions) {
        return brokerSpecBuilder(jwksUrl, policyFile, brokerJvmOptions).build();
    }

    /** {@link #brokerSpec}, still open for more listeners ({@link ProducePaired}). */
    KafkaClusterSpec.Builder brokerSpecBuilder(String jwksUrl, Path policyFile, List<String> brokerJvmOptions) {
        KafkaClusterSpec.Builder spec = StormBroker.productionSpec("produce-" + label(), jwksUrl, brokerJvmOptions)
                .listener(oauth() ? StormValidator.CLAIMGATE.listener(LISTENER, jwksUrl) : ListenerSpec.plaintext(LISTENER));
        if (oauth()) {
            spec.brokerProperty("principal.builder.class", PRINCIPAL_BUILDER);
        }
        if (authorizerClass != null) {
            spec.brokerProperty("authorizer.class.name", authorizerClass)
                    .brokerProperty("super.users", "User:ANONYMOUS");
        }
        if (this == CLAIMGATE) {
            spec.brokerProperty("claimgate.policy.location", policyFile.toAbsolutePath().toString());
        }
        return spec;
    }
}
