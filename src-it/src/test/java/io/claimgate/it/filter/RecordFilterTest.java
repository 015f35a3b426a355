package io.claimgate.it.filter;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record-filter interceptor on a real broker, with real clients logging in through claimgate's
 * login handler and the shaded client jar on the classpath, as users deploy it. client1 produces
 * one record with header {@code internal=true} and one without; with the sample policy, client2
 * receives only the second, client1 both. The principal comes from each consumer's own token.
 */
@ExtendWith(BrokerLogOnFailure.class)
class RecordFilterTest {
    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        cluster = FilterBroker.start("filter", idp);
        FilterBroker.createTopics(cluster, "topic", "broken", "offsets");
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static Properties client1() {
        return FilterBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
    }

    private static Properties client2() {
        return FilterBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET);
    }

    private static void producePair(String topic, String internalValue, String publicValue) throws Exception {
        FilterBroker.produce(cluster, client1(), topic, internalValue, true);
        FilterBroker.produce(cluster, client1(), topic, publicValue, false);
    }

    private static List<String> consume(Properties login, String group, Path policy, String topic, long endOffset) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                FilterBroker.filteringConsumer(cluster, group, login, policy))) {
            consumer.subscribe(List.of(topic));
            return FilterBroker.consumeTo(consumer, topic, endOffset, false).values();
        }
    }

    @Test
    void client2ReceivesOnlyTheRecordWithoutTheInternalHeaderAndClient1Both() throws Exception {
        Path policy = FilterBroker.writePolicy(dir.resolve("design.yaml"), FilterBroker.DESIGN_POLICY);
        producePair("topic", "internal", "public");

        assertEquals(List.of("public"), consume(client2(), "client2-topic", policy, "topic", 2));
        assertEquals(List.of("internal", "public"), consume(client1(), "client1-topic", policy, "topic", 2));
        assertTrue(jmxCount("filter.records.skipped", "filter", "hide-internal", "topic", "topic") >= 1, "skips are counted under JMX domain claimgate");
    }

    @Test
    void aPolicyBrokenMidRunKeepsFilteringWithTheLastGoodOne() throws Exception {
        Path policy = FilterBroker.writePolicy(dir.resolve("breaks.yaml"), FilterBroker.DESIGN_POLICY);
        producePair("broken", "internal-1", "public-1");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                FilterBroker.filteringConsumer(cluster, "client2-broken", client2(), policy))) {
            consumer.subscribe(List.of("broken"));
            assertEquals(List.of("public-1"), FilterBroker.consumeTo(consumer, "broken", 2, false).values());

            double refused = jmxCount("policy.reloads", "result", "failure");
            FilterBroker.writePolicy(policy, "record_filters: [ {name: oops, topics: ['*'], skip_when: \"record.(\"");
            awaitCount("policy.reloads", "failure", refused);   // the broken file was read, and refused
            producePair("broken", "internal-2", "public-2");
            assertEquals(List.of("public-2"), FilterBroker.consumeTo(consumer, "broken", 4, false).values(),
                    "the last good filters stay in force, as on the broker");
        }
    }

    @Test
    void offsetsAreCommittedPastSkippedRecordsAndARestartedConsumerDoesNotSeeThemAgain() throws Exception {
        Path policy = FilterBroker.writePolicy(dir.resolve("offsets.yaml"), FilterBroker.DESIGN_POLICY);
        // The withheld record is the LAST one of the partition: only next offsets can carry a commit past it.
        FilterBroker.produce(cluster, client1(), "offsets", "public-1", false);
        FilterBroker.produce(cluster, client1(), "offsets", "internal-1", true);
        String group = "client2-offsets";
        TopicPartition partition = new TopicPartition("offsets", 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                FilterBroker.filteringConsumer(cluster, group, client2(), policy))) {
            consumer.subscribe(List.of("offsets"));
            FilterBroker.Consumed consumed = FilterBroker.consumeTo(consumer, "offsets", 2, true);
            assertEquals(List.of("public-1"), consumed.values());
            assertEquals(2, consumed.lastPoll().nextOffsets().get(partition).offset());
        }
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertEquals(2, committed.get(partition).offset(), "committed past the withheld record");
        }

        FilterBroker.produce(cluster, client1(), "offsets", "public-2", false);
        try (KafkaConsumer<String, String> restarted = new KafkaConsumer<>(
                FilterBroker.filteringConsumer(cluster, group, client2(), policy))) {
            restarted.subscribe(List.of("offsets"));
            assertEquals(List.of("public-2"), FilterBroker.consumeTo(restarted, "offsets", 3, true).values(),
                    "nothing re-delivered, nothing lost");
        }
    }

    /** Waits (at most 20 s) until the counter {@code meter} with {@code result} has grown past {@code before}. */
    private static void awaitCount(String meter, String result, double before) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (FilterBroker.jmxSum(meter, "result", result) <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(meter + "{result=" + result + "} did not grow past " + before + " within 20 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Sum of the claimgate counters {@code meter} whose JMX names carry the given tags, as key properties:
     * {@code claimgate:name=<meter>,<tag>=<value>,...}.
     */
    private static double jmxCount(String meter, String... tagsAndValues) throws Exception {
        double sum = FilterBroker.jmxSum(meter, tagsAndValues);
        if (sum == 0) {
            System.out.println("claimgate MBeans: " + ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("claimgate:*"), null));
        }
        return sum;
    }

}
