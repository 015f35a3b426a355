package io.claimgate.it.auth;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.BrokerMBeans;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.RawOAuthBearer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first end-to-end proof: client1 and client2 get tokens from the IdP through claimgate's
 * login handler, the broker validates them with claimgate's validator, and the principal the
 * broker authorizes is {@code User:<client_id>}: Kafka's StandardAuthorizer with an ACL for
 * {@code User:client1} only lets client1 in and keeps client2 out.
 */
@ExtendWith(BrokerLogOnFailure.class)
class ClientAuthenticationTest {
    private static final String TOPIC = "orders";
    private static final String SCRAM = "SCRAM";
    private static final String ALICE_TOPIC = "alice-topic";
    private static final int NETWORK_THREADS = 3;

    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(ClaimgateBroker.spec("authn", idp, ClaimgateBroker.validation(idp))
                .brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // The PLAINTEXT inter-broker and controller listeners authenticate as ANONYMOUS.
                .brokerProperty("super.users", "User:ANONYMOUS")
                // Kafka configures a callback handler per network thread: several, as in production
                .brokerProperty("num.network.threads", String.valueOf(NETWORK_THREADS))
                .listener(ListenerSpec.saslPlaintext(SCRAM, "SCRAM-SHA-256")
                        .with("scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"))
                .build());
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(ALICE_TOPIC, 1, (short) 1)))
                    .all().get();
            AccessControlEntry any = new AccessControlEntry("User:client1", "*", AclOperation.ALL, AclPermissionType.ALLOW);
            admin.createAcls(List.of(
                    new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL), any),
                    new AclBinding(new ResourcePattern(ResourceType.GROUP, "*", PatternType.LITERAL), any),
                    new AclBinding(new ResourcePattern(ResourceType.TOPIC, "client1-", PatternType.PREFIXED), any),
                    new AclBinding(new ResourcePattern(ResourceType.TOPIC, ALICE_TOPIC, PatternType.LITERAL),
                            new AccessControlEntry("User:alice", "*", AclOperation.ALL, AclPermissionType.ALLOW))))
                    .all().get();
        }
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static Properties login(String clientId, String secret) {
        return Clients.claimgateOAuth(idp, clientId, secret, Map.of());
    }

    @Test
    void client1ProducesAndConsumesWithATokenFromTheIdp() throws Exception {
        int tokensBefore = idp.tokenRequestCount(EmbeddedIdp.CLIENT1);
        String bootstrap = cluster.bootstrapServers(ClaimgateBroker.EXTERNAL);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(bootstrap, login(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET)))) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "hello from client1")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Clients.consumer(bootstrap, "client1-group", login(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET)))) {
            consumer.subscribe(List.of(TOPIC));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertEquals("hello from client1", records.iterator().next().value());
        }
        assertTrue(idp.tokenRequestCount(EmbeddedIdp.CLIENT1) > tokensBefore,
                "the tokens came from the IdP's token endpoint");
    }

    @Test
    void topicCreationForwardedToTheControllerIsAuthorizedAsTheTokensPrincipal() throws Exception {
        // CreateTopics travels from the broker to the controller in an envelope carrying the
        // principal serialized by OAuthPrincipalBuilder; the controller authorizes that principal.
        String bootstrap = cluster.bootstrapServers(ClaimgateBroker.EXTERNAL);
        try (Admin client1 = Admin.create(Clients.admin(bootstrap, login(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET)));
             Admin client2 = Admin.create(Clients.admin(bootstrap, login(EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET)))) {
            client1.createTopics(List.of(new NewTopic("client1-events", 1, (short) 1))).all().get();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client2.createTopics(List.of(new NewTopic("client1-other", 1, (short) 1))).all().get());
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    @Test
    void scramListenerKeepsKafkasOwnPrincipals() throws Exception {
        // OAuthPrincipalBuilder on a non-OAuth listener behaves like Kafka's default builder.
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("alice",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), "alice-secret"))).all().get();
        }
        Properties scram = new Properties();
        scram.put("security.protocol", "SASL_PLAINTEXT");
        scram.put("sasl.mechanism", "SCRAM-SHA-256");
        scram.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"alice\" password=\"alice-secret\";");
        String bootstrap = cluster.bootstrapServers(SCRAM);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {   // SCRAM credentials reach the broker through the metadata log: retry briefly
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, scram))) {
                producer.send(new ProducerRecord<>(ALICE_TOPIC, "k", "from alice over SCRAM")).get();
                break;
            } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The broker hands new connections to its network threads in turn, and Kafka gives each network
     * thread a callback handler of its own. A client reconnecting with the token it already used is
     * answered from claimgate's token cache whichever thread it lands on: the handlers share one.
     */
    @Test
    void reconnectsWithTheSameTokenAreAnsweredFromTheTokenCacheOnEveryNetworkThread() throws Exception {
        String token = idp.issueToken(EmbeddedIdp.CLIENT1);
        String bootstrap = cluster.bootstrapServers(ClaimgateBroker.EXTERNAL);
        int connections = 2 * NETWORK_THREADS;
        try (BrokerMBeans broker = BrokerMBeans.of(cluster.nodes().get(0))) {
            long hits = broker.count(BrokerMBeans.TOKEN_CACHE_HITS);
            long misses = broker.count(BrokerMBeans.TOKEN_CACHE_MISSES);

            for (int i = 0; i < connections; i++) {
                RawOAuthBearer.Outcome outcome = RawOAuthBearer.authenticate(bootstrap, token, Duration.ofSeconds(10));
                assertTrue(outcome.accepted(), "connection " + i + ": " + outcome.message());
            }

            assertEquals(1, broker.count(BrokerMBeans.TOKEN_CACHE_MISSES) - misses, "validated once");
            assertEquals(connections - 1, broker.count(BrokerMBeans.TOKEN_CACHE_HITS) - hits, "then from the cache");
        }
    }

    @Test
    void client2IsAuthenticatedAsItselfAndDeniedByTheAclForClient1() throws Exception {
        var mark = cluster.mark();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(
                cluster.bootstrapServers(ClaimgateBroker.EXTERNAL),
                login(EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET)))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get());
            // An authorization error, not an authentication one: the token was accepted.
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
        cluster.awaitLogLine(mark, Pattern.compile("Principal = User:client2 is Denied operation = (WRITE|DESCRIBE)"),
                Duration.ofSeconds(10));
    }
}
