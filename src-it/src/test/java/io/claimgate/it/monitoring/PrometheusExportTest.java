package io.claimgate.it.monitoring;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.DesignPolicy;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/monitoring as a user deploys it: the Prometheus JMX exporter agent with claimgate's rules
 * on a real broker running the headline scenario. After a few authentications and decisions the
 * scrape must carry claimgate's meters as Prometheus metrics with their tags as labels, and every
 * metric the Grafana dashboard queries must be one the rules produce. The test JVM is also a client
 * application: its claimgate logins publish the login meters, exported by the same agent and rules
 * started in this JVM ({@link InProcessJmxExporter}).
 */
@ExtendWith(BrokerLogOnFailure.class)
class PrometheusExportTest {
    static final Path MONITORING = Path.of("..", "samples", "monitoring").toAbsolutePath().normalize();
    static final Path AGENT = Path.of("target", "agents", "jmx_prometheus_javaagent.jar").toAbsolutePath();
    private static final String EXTERNAL = "EXTERNAL";

    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;
    private static int metricsPort;
    private static PrometheusScrape scrape;
    /** The test JVM's own scrape: a client application's login meters. */
    private static PrometheusScrape clientScrape;
    /** Open during the scrape: the token-expiry gauge exists while a client uses the token. */
    private static Admin openClient;

    @BeforeAll
    static void runTheScenarioAndScrape() throws Exception {
        idp = EmbeddedIdp.start();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), DesignPolicy.YAML);
        metricsPort = freePort();
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("prometheus")
                .listener(ListenerSpec.oauthBearer(EXTERNAL, "io.claimgate.server.OAuthValidatorCallbackHandler", Map.of(
                        "oauth.jwks.endpoint.uri", idp.jwksUri(),
                        "oauth.valid.issuer.uri", idp.issuerUri(),
                        "oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE,
                        "oauth.username.claim", "client_id,sub")))
                .brokerProperty("principal.builder.class", "io.claimgate.server.OAuthPrincipalBuilder")
                .brokerProperty("authorizer.class.name", "io.claimgate.authorizer.ClaimAuthorizer")
                .brokerProperty("claimgate.policy.location", policy.toString())
                .brokerProperty("super.users", "User:ANONYMOUS")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .jvmOption("-javaagent:" + AGENT + "=127.0.0.1:" + metricsPort + ":"
                        + MONITORING.resolve("jmx-exporter.yaml"))
                .loggerLevel("io.claimgate", "INFO")
                .build());
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            admin.createTopics(List.of(new NewTopic("topic", 1, (short) 1))).all().get();
        }

        produce(Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of()));   // allowed
        // Not idempotent: client2 would otherwise be refused at the cluster level before its topic write.
        Properties client2 = Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of());
        client2.put("enable.idempotence", "false");
        ExecutionException denied = assertThrows(ExecutionException.class, () -> produce(client2));
        assertTrue(denied.getCause() instanceof TopicAuthorizationException, denied.toString());
        ExecutionException forged = assertThrows(ExecutionException.class, () -> produce(
                PresentedTokenLoginHandler.security(idp.issueForgedToken("client1", Map.of(), Duration.ofMinutes(5)))));
        assertTrue(forged.getCause() instanceof SaslAuthenticationException, forged.toString());

        scrape = PrometheusScrape.parse(get("http://127.0.0.1:" + metricsPort + "/metrics"));

        // The client side: a client1 admin that stays open, and a client2 login the IdP refuses.
        openClient = Admin.create(Clients.admin(cluster.bootstrapServers(EXTERNAL),
                Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of())));
        openClient.describeCluster().clusterId().get();
        assertThrows(org.apache.kafka.common.KafkaException.class, () -> Admin.create(Clients.admin(
                cluster.bootstrapServers(EXTERNAL), Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT2, "wrong-secret", Map.of()))));
        int clientMetricsPort = freePort();
        InProcessJmxExporter.start(AGENT, clientMetricsPort, MONITORING.resolve("jmx-exporter.yaml"));
        clientScrape = PrometheusScrape.parse(get("http://127.0.0.1:" + clientMetricsPort + "/metrics"));
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(openClient, cluster, idp);
    }

    @Test
    void aClientsTokenRequestsAndTokenExpiryAreExportedWithTheSameRules() {
        String requests = clientScrape.family("claimgate_login_token_requests_total").toString();
        assertTrue(clientScrape.value("claimgate_login_token_requests_total", Map.of("client_id", EmbeddedIdp.CLIENT1,
                "outcome", "success", "reason", "none")) >= 2, requests);
        assertTrue(clientScrape.value("claimgate_login_token_requests_total", Map.of("client_id", EmbeddedIdp.CLIENT2,
                "outcome", "failure", "reason", "invalid_client")) >= 1, requests);
        assertEquals("counter", clientScrape.type("claimgate_login_token_requests_total"));

        double expiresIn = clientScrape.value("claimgate_login_token_expires_in_seconds", Map.of("client_id", EmbeddedIdp.CLIENT1));
        assertTrue(expiresIn > 0 && expiresIn <= 3600, "seconds until the open client's token expires: " + expiresIn);
        assertEquals("gauge", clientScrape.type("claimgate_login_token_expires_in_seconds"));
        // A client JVM is no node of a cluster: no cluster_id or node_id.
        assertTrue(clientScrape.family("claimgate_login_token_requests_total").stream()
                .noneMatch(sample -> sample.labels().containsKey("cluster_id")), requests);
    }

    @Test
    void authenticationsAreCountedByOutcomeReasonAndIssuer() {
        assertTrue(scrape.value("claimgate_validations_total", Map.of("outcome", "accepted", "issuer", "default")) >= 2,
                scrape.family("claimgate_validations_total").toString());
        assertTrue(scrape.value("claimgate_validations_total", Map.of("outcome", "rejected", "issuer", "default",
                "reason", "BAD_SIGNATURE")) >= 1, scrape.family("claimgate_validations_total").toString());
        assertTrue(scrape.value("claimgate_validation_latency_seconds", Map.of("outcome", "accepted", "quantile", "0.5")) > 0);
        assertTrue(scrape.value("claimgate_validation_latency_seconds", Map.of("outcome", "accepted", "quantile", "0.99")) < 60,
                "milliseconds are turned into seconds");
    }

    @Test
    void authenticationsAreCountedPerListenerMechanismAndReason() {
        String family = scrape.family("claimgate_authentications_total").toString();
        assertTrue(scrape.value("claimgate_authentications_total", Map.of("listener", EXTERNAL,
                "mechanism", "OAUTHBEARER", "outcome", "succeeded", "reason", "none")) >= 2, family);
        // The validator learns its listener from Kafka's network thread names.
        assertTrue(scrape.value("claimgate_authentications_total", Map.of("listener", EXTERNAL,
                "mechanism", "OAUTHBEARER", "outcome", "failed", "reason", "BAD_SIGNATURE")) >= 1, family);
        // The admin's unauthenticated connection on the inter-broker listener: the old way, counted too.
        assertTrue(scrape.value("claimgate_authentications_total", Map.of("listener",
                KafkaClusterSpec.INTER_BROKER_LISTENER, "mechanism", "PLAINTEXT", "outcome", "succeeded")) >= 1, family);
    }

    @Test
    void everyClaimgateMetricOfTheBrokerCarriesItsClusterIdAndNodeId() {
        Set<String> untagged = new TreeSet<>();
        int checked = 0;
        for (PrometheusScrape.Sample sample : scrape.samples()) {
            if (sample.name().startsWith("claimgate_")) {
                checked++;
                if (!cluster.clusterId().equals(sample.labels().get("cluster_id"))
                        || !"1".equals(sample.labels().get("node_id"))) {
                    untagged.add(sample.name() + sample.labels());
                }
            }
        }
        assertTrue(checked >= 20, checked + " claimgate samples");
        assertTrue(untagged.isEmpty(), "cluster " + cluster.clusterId() + ", node 1; without: " + untagged);
    }

    @Test
    void signingKeysAndTheirAgeAreGauges() {
        assertTrue(scrape.value("claimgate_jwks_keys", Map.of("issuer", "default")) >= 1);
        assertTrue(scrape.value("claimgate_jwks_age_seconds", Map.of("issuer", "default")) < 600);
        assertEquals("gauge", scrape.type("claimgate_jwks_keys"));
        assertEquals(0.0, scrape.value("claimgate_idp_circuit_state", Map.of("issuer", "default", "endpoint", "jwks")));
    }

    @Test
    void decisionsAreCountedPerOperationResourceTypeAndResult() {
        assertTrue(scrape.value("claimgate_authorizer_decisions_total",
                Map.of("operation", "write", "resource_type", "topic", "result", "allowed")) >= 1);
        assertTrue(scrape.value("claimgate_authorizer_decisions_total",
                Map.of("operation", "write", "resource_type", "topic", "result", "denied")) >= 1);
        assertTrue(scrape.value("claimgate_authorizer_topic_denials_total", Map.of("topic", "topic")) >= 1);
        assertTrue(scrape.value("claimgate_authorizer_topic_decisions_total",
                Map.of("topic", "topic", "operation", "write", "result", "allowed")) >= 1);
        assertTrue(scrape.value("claimgate_authorizer_topic_decisions_total",
                Map.of("topic", "topic", "operation", "write", "result", "denied")) >= 1);
        assertEquals("counter", scrape.type("claimgate_authorizer_decisions_total"));
        assertEquals(0.0, scrape.value("claimgate_policy_last_reload_failed", Map.of()));
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheRulesProduce() throws IOException {
        Set<String> queried = GrafanaDashboard.metricNames(MONITORING.resolve("grafana-dashboard.json"));
        assertTrue(queried.size() >= 15, "the dashboard queries " + queried);
        // Meters that exist only after events this test does not cause, or only in consumers (the
        // record filter runs in the client): their names follow the same rules as those checked here.
        Set<String> elsewhere = Set.of(
                "claimgate_introspection_requests_total", "claimgate_introspection_requests_seconds",
                "claimgate_authorizer_audit_would_deny_total", "claimgate_authorizer_evaluation_errors_total",
                "claimgate_policy_reloads_total", "claimgate_filter_records_passed_total",
                "claimgate_filter_records_skipped_total", "claimgate_filter_records_dropped_total",
                "claimgate_filter_records_held_back_total",
                "claimgate_filter_evaluation_errors_total");
        Set<String> unknown = new TreeSet<>(queried);
        unknown.removeAll(scrape.names());
        unknown.removeAll(clientScrape.names());
        unknown.removeAll(elsewhere);
        assertTrue(unknown.isEmpty(), "the dashboard queries metrics nobody exports: " + unknown
                + "; exported: " + new TreeSet<>(scrape.names()));
    }

    @Test
    void theDashboardSelectsClustersAndTopicsFromLabelsTheBrokerExports() throws IOException {
        Path dashboard = MONITORING.resolve("grafana-dashboard.json");
        Map<String, GrafanaDashboard.Variable> variables = GrafanaDashboard.variables(dashboard);
        assertEquals(new GrafanaDashboard.Variable("claimgate_authorizer_decisions_total", "cluster_id"),
                variables.get("cluster"), variables.toString());
        assertEquals(new GrafanaDashboard.Variable("claimgate_authorizer_topic_decisions_total", "topic"),
                variables.get("topic"), variables.toString());
        for (GrafanaDashboard.Variable variable : variables.values()) {
            if (variable.label().equals("instance")) {
                continue;   // a target label Prometheus adds at scrape time
            }
            // Broker meters in the broker's scrape; the client selector's in the client JVM's.
            assertTrue(scrape.family(variable.metric()).stream().anyMatch(s -> s.labels().containsKey(variable.label()))
                    || clientScrape.family(variable.metric()).stream().anyMatch(s -> s.labels().containsKey(variable.label())),
                    "no " + variable + " in the scrapes");
        }
        assertTrue(scrape.family("claimgate_authorizer_topic_decisions_total").stream()
                .anyMatch(s -> s.labels().get("cluster_id").equals(cluster.clusterId())
                        && s.labels().get("topic").equals("topic")), "the topic selector offers 'topic' on this cluster");
        assertEquals(new GrafanaDashboard.Variable("claimgate_login_token_requests_total", "client_id"),
                variables.get("client"), variables.toString());
        // Every query on broker meters follows the cluster selector; the per-topic panels the topic
        // selector; the login panels (client JVMs, no cluster id) the client selector.
        List<String> queries = GrafanaDashboard.queries(dashboard);
        for (String query : queries) {
            if (query.contains("claimgate_login_")) {
                assertTrue(query.contains("client_id=~\"$client\""), "without the client selector: " + query);
            } else if (!query.contains("claimgate_filter_")) {
                assertTrue(query.contains("cluster_id=~\"$cluster\""), "without the cluster selector: " + query);
            }
        }
        assertTrue(queries.stream().filter(q -> q.contains("claimgate_login_")).count() >= 3, "login panels");
        long perTopic = queries.stream().filter(q -> q.contains("claimgate_authorizer_topic_decisions_total")).count();
        assertTrue(perTopic >= 3, perTopic + " per-topic queries");
        assertTrue(queries.stream().filter(q -> q.contains("claimgate_authorizer_topic_decisions_total"))
                .allMatch(q -> q.contains("topic=~\"$topic\"")), "per-topic panels follow the topic selector");
    }

    private static void produce(Properties security) throws ExecutionException, InterruptedException {
        Properties config = Clients.producer(cluster.bootstrapServers(EXTERNAL), security);
        config.put("retries", "0");
        config.put("max.block.ms", "30000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("topic", "k", "v")).get();
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
