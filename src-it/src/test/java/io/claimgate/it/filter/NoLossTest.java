package io.claimgate.it.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record filter loses nothing when it cannot judge: real broker, real consumers with
 * {@code enable.auto.commit=true} (both group protocols), a poll loop that catches
 * {@link RecordDeserializationException} and keeps polling, as applications must. Records held
 * back are neither delivered nor committed past, and once the filter can judge they are delivered
 * or skipped by the policy.
 */
@ExtendWith(BrokerLogOnFailure.class)
class NoLossTest {
    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        cluster = FilterBroker.start("filter-noloss", idp);
        FilterBroker.createTopics(cluster, "late-classic", "late-consumer", "levels");
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static Properties autoCommitting(String group, String protocol, Path policy) {
        Properties props = FilterBroker.filteringConsumer(cluster, group,
                FilterBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET), policy);
        props.put("enable.auto.commit", "true");
        props.put("auto.commit.interval.ms", "200");
        props.put("group.protocol", protocol);
        if (protocol.equals("consumer")) {
            props.remove("session.timeout.ms");   // set by the broker for the new protocol
            props.remove("heartbeat.interval.ms");
        }
        return props;
    }

    /** What a poll loop saw: values delivered, and RecordDeserializationExceptions caught. */
    private record Seen(List<String> values, List<RecordDeserializationException> heldBack) {
    }

    /** Polls as an application must: catch RecordDeserializationException, pause, poll again; until the position reaches {@code end}. */
    private static Seen pollUntil(KafkaConsumer<String, String> consumer, TopicPartition partition, long end,
                                  Runnable eachPoll) {
        Seen seen = new Seen(new ArrayList<>(), new ArrayList<>());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            eachPoll.run();
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.values().add(record.value());
                }
            } catch (RecordDeserializationException e) {
                seen.heldBack().add(e);
                FilterBroker.pause(100);
                continue;
            }
            if (consumer.assignment().contains(partition) && consumer.position(partition) >= end) {
                return seen;
            }
        }
        throw new AssertionError("did not reach offset " + end + "; saw " + seen.values() + " and "
                + seen.heldBack().size() + " held-back exceptions");
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "consumer"})
    void aPolicyFileThatAppearsLateCostsNoRecord(String protocol) throws Exception {
        String topic = "late-" + protocol;
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Map<String, String>> waiting = new LinkedHashMap<>();
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            boolean internal = i % 3 == 0;
            waiting.put("r" + i, internal ? Map.of("internal", "true") : Map.of());
            if (!internal) {
                allowed.add("r" + i);
            }
        }
        FilterBroker.produce(cluster, FilterBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET), topic, waiting);

        Path policy = dir.resolve("late-" + protocol + ".yaml");   // does not exist yet
        String group = "client2-late-" + protocol;
        long appearsAt = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean[] written = {false};
        long[] committedWhileMissing = {-2};
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(autoCommitting(group, protocol, policy))) {
            consumer.subscribe(List.of(topic));
            Seen seen = pollUntil(consumer, partition, 100, () -> {
                if (!written[0] && System.nanoTime() >= appearsAt) {
                    try {
                        committedWhileMissing[0] = committed(group, partition);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    FilterBroker.writePolicy(policy, FilterBroker.DESIGN_POLICY);
                    written[0] = true;
                }
            });
            assertTrue(written[0], "the file appeared while the consumer was polling");
            assertEquals(allowed, seen.values(), "every record the policy allows, in order, once; none it skips");
            assertTrue(committedWhileMissing[0] <= 0, "nothing committed past the held-back records: "
                    + committedWhileMissing[0]);
            assertTrue(!seen.heldBack().isEmpty(), "the consumer was held at the first record while the file was missing");
            RecordDeserializationException first = seen.heldBack().get(0);
            assertEquals(0, first.offset(), "held at the first record");
            assertInstanceOf(io.claimgate.filter.RecordHeldBackException.class, first.getCause());
            assertTrue(first.getCause().getMessage().contains("no usable policy file"), first.getCause().getMessage());
            consumer.commitSync();
        }
        assertEquals(100, committed(group, partition), "and the group's offset is past all of them");
        assertTrue(FilterBroker.jmxSum("filter.records.held_back", "reason", "policy_unavailable", "topic", topic) >= 1);
        assertEquals(0, FilterBroker.jmxSum("filter.records.dropped", "topic", topic), "nothing withheld for good");
    }

    @Test
    void aRecordWhoseFilterFailsIsHeldUntilThePolicyIsFixedThenJudged() throws Exception {
        Path policy = FilterBroker.writePolicy(dir.resolve("levels.yaml"), """
                record_filters:
                  - name: levels
                    topics: ["levels"]
                    skip_when: "int(record.headers.level) > 3"
                """);
        TopicPartition partition = new TopicPartition("levels", 0);
        Map<String, Map<String, String>> records = new LinkedHashMap<>();
        records.put("low", Map.of("level", "1"));
        records.put("garbage", Map.of("level", "abc"));   // int('abc') fails: the record cannot be judged
        records.put("high", Map.of("level", "9"));
        records.put("low-again", Map.of("level", "2"));
        FilterBroker.produce(cluster, FilterBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET), "levels", records);

        String group = "client2-levels";
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(autoCommitting(group, "classic", policy))) {
            consumer.subscribe(List.of("levels"));
            int[] polls = {0};
            Seen seen = pollUntil(consumer, partition, 4, () -> {
                if (++polls[0] == 30) {   // ~3 s held at 'garbage', then the policy is fixed
                    FilterBroker.writePolicy(policy, """
                            record_filters:
                              - name: levels
                                topics: ["levels"]
                                skip_when: "record.headers.level.matches('^[0-9]+$') && int(record.headers.level) > 3"
                            """);
                }
            });
            assertEquals(List.of("low", "garbage", "low-again"), seen.values(), "nothing lost; 'high' skipped");
            assertTrue(seen.heldBack().stream().allMatch(e -> e.offset() == 1), "held at 'garbage' only");
            assertTrue(seen.heldBack().size() >= 3, "held while the filter failed: " + seen.heldBack().size());
            assertTrue(seen.heldBack().get(0).getCause().getMessage().contains("'levels' failed to evaluate"));
            consumer.commitSync();
        }
        assertEquals(4, committed(group, partition));
        assertEquals(0, FilterBroker.jmxSum("filter.records.dropped", "topic", "levels"), "nothing withheld for good");
    }
}
