package io.claimgate.it.rollout;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.Jaas;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The three-node cluster of docs/ROLLOUT.md in each phase, as the spec a rolling restart moves the
 * nodes to, and the client settings of each phase. Each spec is the previous one plus exactly the
 * changes ROLLOUT.md lists for that step.
 */
final class RolloutCluster {
    /** Unauthenticated clients (User:ANONYMOUS); removed in step 6. */
    static final String LEGACY = "LEGACY";
    /** SASL/SCRAM-SHA-512 clients; stays (retiring it is a later, separate change). */
    static final String SCRAM = "SCRAM";
    /** SASL/OAUTHBEARER with claimgate's validator; added in step 2. */
    static final String OAUTH = "OAUTH";

    static final String BROKER_USER = "broker";
    static final String BROKER_PASSWORD = "broker-secret";
    static final String TOPIC = "orders";
    static final int PARTITIONS = 3;
    static final String GROUP = "billing";
    static final String USERNAME_CLAIM = "kafka_user";

    static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    static final String CLAIM_AUTHORIZER = "io.claimgate.authorizer.ClaimAuthorizer";
    static final String PRINCIPAL_BUILDER = "io.claimgate.server.OAuthPrincipalBuilder";
    static final String VALIDATOR = "io.claimgate.server.OAuthValidatorCallbackHandler";

    /** The JMX exporter agent (copied by src-it's POM) and claimgate's rules, as PrometheusExportTest uses them. */
    static final Path AGENT = Path.of("target", "agents", "jmx_prometheus_javaagent.jar").toAbsolutePath();
    static final Path EXPORTER_RULES = Path.of("..", "samples", "monitoring", "jmx-exporter.yaml").toAbsolutePath().normalize();

    private RolloutCluster() {
    }

    /**
     * Step 1, the cluster before the move: a PLAINTEXT listener for unauthenticated clients and a
     * SCRAM-SHA-512 one, Kafka's StandardAuthorizer with ACLs and no allow-everyone default. Brokers
     * and controllers talk SASL/PLAIN as {@code User:broker} (the only super user), so that
     * {@code User:ANONYMOUS} is an ordinary principal. Each node runs the JMX exporter agent on
     * {@code metricsPorts[node - 1]}.
     */
    static KafkaClusterSpec legacy(List<Integer> metricsPorts) {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("username", BROKER_USER);
        plain.put("password", BROKER_PASSWORD);
        plain.put("user_" + BROKER_USER, BROKER_PASSWORD);
        String brokerJaas = Jaas.loginModule("org.apache.kafka.common.security.plain.PlainLoginModule", plain);
        KafkaClusterSpec.Builder spec = KafkaClusterSpec.builder("rollout").nodes(3)
                .controllerListener(ListenerSpec.saslPlaintext(KafkaClusterSpec.CONTROLLER_LISTENER, "PLAIN")
                        .with("plain.sasl.jaas.config", brokerJaas))
                .interBrokerListener(ListenerSpec.saslPlaintext(KafkaClusterSpec.INTER_BROKER_LISTENER, "PLAIN")
                        .with("plain.sasl.jaas.config", brokerJaas))
                .brokerProperty("sasl.mechanism.controller.protocol", "PLAIN")
                .brokerProperty("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .listener(ListenerSpec.plaintext(LEGACY))
                .listener(ListenerSpec.saslPlaintext(SCRAM, "SCRAM-SHA-512").with("scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;"))
                .brokerProperty("authorizer.class.name", STANDARD_AUTHORIZER)
                .brokerProperty("super.users", "User:" + BROKER_USER)
                .loggerLevel("io.claimgate", "INFO")
                .startTimeout(Duration.ofMinutes(2));
        for (int node = 1; node <= metricsPorts.size(); node++) {
            spec.nodeJvmOption(node, "-javaagent:" + AGENT + "=127.0.0.1:" + metricsPorts.get(node - 1) + ":" + EXPORTER_RULES);
        }
        return spec.build();
    }

    /**
     * Steps 2 and 3 (one rolling restart): the OAUTHBEARER listener with claimgate's validator, the
     * principal builder (OAuth principals, and authentications counted on every listener), the
     * IdP's URLs allowed, and ClaimAuthorizer in audit mode in place of StandardAuthorizer (the ACLs
     * stay in the metadata log). {@value #USERNAME_CLAIM} first: an IdP client carrying it keeps
     * its old Kafka user name.
     */
    static KafkaClusterSpec oauthInAudit(KafkaClusterSpec legacy, EmbeddedIdp idp) {
        Map<String, String> validation = new LinkedHashMap<>();
        validation.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        validation.put("oauth.valid.issuer.uri", idp.issuerUri());
        validation.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        validation.put("oauth.username.claim", USERNAME_CLAIM + ",client_id");
        return legacy.toBuilder()
                .listener(ListenerSpec.oauthBearer(OAUTH, VALIDATOR, validation))
                .brokerProperty("principal.builder.class", PRINCIPAL_BUILDER)
                .brokerProperty("authorizer.class.name", CLAIM_AUTHORIZER)
                .brokerProperty("claimgate.authorizer.mode", "audit")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .build();
    }

    /** Step 5: the same with {@code claimgate.authorizer.mode=enforce}. */
    static KafkaClusterSpec enforce(KafkaClusterSpec audit) {
        return audit.toBuilder().brokerProperty("claimgate.authorizer.mode", "enforce").build();
    }

    /** Step 6: the same without the PLAINTEXT listener. */
    static KafkaClusterSpec withoutLegacy(KafkaClusterSpec enforce) {
        return enforce.toBuilder().withoutListener(LEGACY).build();
    }

    /** The operator's admin login: User:broker over SASL/PLAIN on the inter-broker listener. */
    static Properties operatorLogin() {
        return sasl("PLAIN", Jaas.loginModule("org.apache.kafka.common.security.plain.PlainLoginModule",
                credentials(BROKER_USER, BROKER_PASSWORD)));
    }

    static Properties scram(String user, String password) {
        return sasl("SCRAM-SHA-512", Jaas.loginModule("org.apache.kafka.common.security.scram.ScramLoginModule",
                credentials(user, password)));
    }

    /** The producer's settings: Clients' defaults, idempotent, and a delivery timeout that outlasts a node restart. */
    static Properties producer(String bootstrap, Properties security) {
        Properties p = Clients.producer(bootstrap, security);
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "60000");
        return p;
    }

    private static Map<String, String> credentials(String user, String password) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("username", user);
        options.put("password", password);
        return options;
    }

    private static Properties sasl(String mechanism, String jaas) {
        Properties p = new Properties();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", jaas);
        return p;
    }
}
