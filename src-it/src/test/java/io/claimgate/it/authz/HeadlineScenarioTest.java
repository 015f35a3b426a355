package io.claimgate.it.authz;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline scenario on a real broker: client1 may describe, read and write every topic; client2
 * may only describe {@code topic}, {@code topic-encrypted} and {@code extra_topic} and read
 * {@code topic}; everything else is denied. Real producer, consumer and Admin clients with tokens
 * from the IdP, the sample policy file (samples/config/policy.yaml).
 */
@ExtendWith(BrokerLogOnFailure.class)
class HeadlineScenarioTest {
    private static final List<String> SCENARIO_TOPICS = List.of("topic", "topic-encrypted", "extra_topic");
    private static final String OTHER = "payroll";

    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        Path policy = AuthzBroker.writePolicy(dir, AuthzBroker.HEADLINE_POLICY);
        cluster = KafkaCluster.start(AuthzBroker.spec("headline", idp, policy).build());
        List<String> all = new ArrayList<>(SCENARIO_TOPICS);
        all.add(OTHER);
        AuthzBroker.createTopics(cluster, all);
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static Properties client1() {
        return AuthzBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
    }

    private static Properties client2() {
        return AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of());
    }

    private static String bootstrap() {
        return cluster.bootstrapServers(AuthzBroker.EXTERNAL);
    }

    private static void produce(Properties security, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap(), security))) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    private static List<String> readAssigned(Properties security, String topic, int atLeast) {
        return AuthzBroker.readAssigned(bootstrap(), security, topic, atLeast);
    }

    @Test
    void client1WritesAndReadsEveryTopicAndSeesThemAll() throws Exception {
        for (String topic : List.of("topic", "extra_topic", OTHER)) {
            produce(client1(), topic, "client1 was here");
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Clients.consumer(bootstrap(), "client1-group", client1()))) {
            consumer.subscribe(List.of(OTHER));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            }
            assertEquals(List.of("client1 was here"), values);
        }
        try (Admin admin = Admin.create(Clients.admin(bootstrap(), client1()))) {
            assertTrue(admin.listTopics().names().get().containsAll(List.of("topic", "topic-encrypted", "extra_topic", OTHER)));
        }
    }

    @Test
    void client2SeesOnlyItsThreeTopicsInMetadata() throws Exception {
        try (Admin admin = Admin.create(Clients.admin(bootstrap(), client2()))) {
            assertEquals(Set.copyOf(SCENARIO_TOPICS), admin.listTopics().names().get());
            assertEquals(Set.copyOf(SCENARIO_TOPICS), admin.describeTopics(SCENARIO_TOPICS).allTopicNames().get().keySet());
            AuthzBroker.assertDenied(() -> admin.describeTopics(List.of(OTHER)).allTopicNames().get());
        }
    }

    @Test
    void client2ReadsTopic() throws Exception {
        produce(client1(), "topic", "for client2");
        assertTrue(readAssigned(client2(), "topic", 1).contains("for client2"));
    }

    @Test
    void client2CannotReadExtraTopic() throws Exception {
        produce(client1(), "extra_topic", "not for client2");
        AuthzBroker.assertDenied(() -> readAssigned(client2(), "extra_topic", 1));
    }

    @Test
    void client2CannotProduceAnywhere() throws Exception {
        // An idempotent producer (Kafka's default) is stopped at InitProducerId: no WRITE on any topic.
        for (String topic : List.of("topic", "topic-encrypted", "extra_topic")) {
            AuthzBroker.assertDenied(() -> produce(client2(), topic, "nope"));
        }
        // A plain producer gets as far as Produce, and the broker logs the denial with its reason.
        Properties plain = client2();
        plain.put("enable.idempotence", "false");
        var mark = cluster.mark();
        AuthzBroker.assertDenied(() -> produce(plain, "topic", "nope"));
        cluster.awaitLogLine(mark, Pattern.compile("Denied User:client2 WRITE on TOPIC:topic .*no rule matched"),
                Duration.ofSeconds(10));
    }

    @Test
    void client2CannotTouchOtherTopics() {
        AuthzBroker.assertDenied(() -> readAssigned(client2(), OTHER, 1));
        AuthzBroker.assertDenied(() -> produce(client2(), OTHER, "nope"));
    }
}
