package io.claimgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the test kit end to end, independent of claimgate's plugins: a one-node KRaft cluster in a
 * child JVM whose EXTERNAL listener is validated by Kafka's built-in OAuthBearerValidatorCallbackHandler
 * against the embedded IdP's JWKS, and clients logging in with Kafka's built-in
 * OAuthBearerLoginCallbackHandler (client_credentials).
 */
@ExtendWith(BrokerLogOnFailure.class)
class KafkaClusterSmokeTest {

    private static final String EXTERNAL = "EXTERNAL";

    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;
    private static final List<ProcessHandle> brokerProcesses = new ArrayList<>();

    @BeforeAll
    static void startIdpAndCluster() {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("smoke")
                .listener(ListenerSpec.oauthBearer(EXTERNAL,
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler", Map.of()))
                .brokerProperty("sasl.oauthbearer.jwks.endpoint.url", idp.jwksUri())
                .brokerProperty("sasl.oauthbearer.expected.audience", EmbeddedIdp.DEFAULT_AUDIENCE)
                .brokerProperty("sasl.oauthbearer.expected.issuer", idp.issuerUri())
                .brokerProperty("sasl.oauthbearer.sub.claim.name", "client_id")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .build());
        cluster.nodes().forEach(n -> brokerProcesses.add(n.processHandle()));
    }

    @AfterAll
    static void stopAndCheckProcessesAreGone() {
        try {
            if (cluster != null) {
                cluster.close();
                brokerProcesses.forEach(p -> assertFalse(p.isAlive(), "broker JVM " + p.pid() + " still alive after close"));
            }
        } finally {
            if (idp != null) {
                idp.close();
            }
        }
    }

    @Test
    void producesAndConsumesThroughKafkasBuiltInOAuthHandlers() {
        String bootstrap = cluster.bootstrapServers(EXTERNAL);
        Properties security = Clients.kafkaOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
        String topic = "smoke-topic";

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, security))) {
            producer.send(new ProducerRecord<>(topic, "key", "hello through OAuth")).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("produce failed", e);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Clients.consumer(bootstrap, "smoke-group", security))) {
            consumer.subscribe(Collections.singletonList(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertEquals(1, received.size(), "records received");
            assertEquals("hello through OAuth", received.get(0).value());
        }
        assertTrue(idp.tokenRequestCount(EmbeddedIdp.CLIENT1) >= 1, "client1 fetched a token from the IdP");
        assertTrue(idp.jwksRequestCount() >= 1, "the broker fetched the JWKS");
    }

    @Test
    void rejectedTokenFailsTheClientAndLeavesAReasonInTheBrokerLog() {
        KafkaCluster.LogMark mark = cluster.mark();
        idp.setClientClaims(EmbeddedIdp.CLIENT2, Map.of("aud", "someone-else"));
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(EXTERNAL),
                Clients.kafkaOAuth(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET)))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.describeCluster().clusterId().get());
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        } finally {
            idp.setClientClaims(EmbeddedIdp.CLIENT2, Map.of());
        }
        cluster.awaitLogLine(mark, Pattern.compile("Failed authentication with /127\\.0\\.0\\.1"), Duration.ofSeconds(10));
    }

    @Test
    void tokensSignedWithARotatedKeyAreAcceptedOnceTheBrokerRefreshedItsJwks() throws Exception {
        String oldKid = idp.currentKeyId();
        int jwksFetches = idp.jwksRequestCount();
        String newKid = idp.rotateKey();
        assertEquals(List.of(newKid, oldKid), idp.publishedKeyIds());
        // Kafka's built-in validator rejects a token with an unknown kid and refreshes its JWKS
        // asynchronously (RefreshingHttpsJwks), so the first login after a rotation may fail.
        Properties admin = Clients.admin(cluster.bootstrapServers(EXTERNAL),
                Clients.kafkaOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Admin client = Admin.create(admin)) {
                assertEquals(cluster.clusterId(), client.describeCluster().clusterId().get());
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        assertTrue(idp.jwksRequestCount() > jwksFetches, "the broker re-fetched the JWKS");
    }

    @Test
    void aSecondClusterRunsAlongsideAndItsJvmIsGoneAfterClose() throws Exception {
        ProcessHandle second;
        try (KafkaCluster other = KafkaCluster.start(KafkaClusterSpec.builder("smoke-second")
                .listener(ListenerSpec.plaintext("PLAIN")).build())) {
            Set<Integer> ports = new HashSet<>(cluster.node(1).ports().values());
            other.node(1).ports().values().forEach(p -> assertTrue(ports.add(p), "port " + p + " used twice"));
            try (Admin admin = Admin.create(Clients.admin(other.bootstrapServers("PLAIN"), Clients.plaintext()))) {
                assertEquals(other.clusterId(), admin.describeCluster().clusterId().get());
            }
            second = other.node(1).processHandle();
            assertTrue(second.isAlive());
        }
        assertFalse(second.isAlive(), "second cluster's broker JVM still alive after close");
        assertTrue(cluster.node(1).isAlive(), "closing one cluster must not touch another");
    }
}
