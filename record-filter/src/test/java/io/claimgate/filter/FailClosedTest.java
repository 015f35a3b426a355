package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.token.IssuedTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever goes wrong, a record that cannot be judged is never delivered AND never passed: the
 * deserializer holds it back (the consumer's position stays at it, so nothing commits past it) and
 * it is delivered or skipped once it can be judged. Nothing is lost.
 */
class FailClosedTest {
    @TempDir
    Path dir;

    private static Fixtures.Batch batch(String topic) {
        return new Fixtures.Batch().add(topic, 0, "internal", header("internal", "true")).add(topic, 0, "public");
    }

    private static long heldBack(String reason, String topic) {
        return Fixtures.METRICS.count(FilterMetrics.HELD_BACK, "reason", reason, "topic", topic);
    }

    /** The first record was held back: nothing delivered, and the partition's next offset is that record's. */
    private static void assertHeldAtFirstRecord(Fixtures.Polled polled, String topic, String why) {
        TopicPartition tp = new TopicPartition(topic, 0);
        assertTrue(polled.delivered().isEmpty(), "nothing delivered");
        assertTrue(polled.heldBack().containsKey(tp), "held back");
        assertTrue(polled.heldBack().get(tp).getMessage().contains(why), polled.heldBack().get(tp).getMessage());
        assertEquals(10L, polled.delivered().nextOffsets().get(tp).offset(), "the position stays at the record");
    }

    @Test
    void policyUnreadableAtStartHoldsRecordsBackUntilItCanBeLoadedThenDeliversThem() throws Exception {
        Path missing = dir.resolve("policy.yaml");
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.fixedPrincipal(missing, "client2"));
        long before = heldBack("policy_unavailable", "unreadable");

        assertHeldAtFirstRecord(filter.poll(batch("unreadable").build()), "unreadable", "no usable policy file");
        assertHeldAtFirstRecord(filter.poll(batch("unreadable").build()), "unreadable", "no usable policy file");
        assertEquals(before + 2, heldBack("policy_unavailable", "unreadable"), "once per attempt");

        Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        assertTrue(filter.checkPolicyNow());
        Fixtures.Polled retried = filter.poll(batch("unreadable").build());
        assertEquals(List.of("public"), values(retried.delivered()), "judged at last: delivered or skipped by the policy");
        assertTrue(retried.heldBack().isEmpty());
        filter.close();
    }

    @Test
    void policyInvalidAtStartHoldsEverythingBack() {
        Path policy = Fixtures.write(dir, "record_filters:\n  - name: f\n    topics: ['*']\n    skip_when: \"record.nope(\"\n");
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client1"));
        assertHeldAtFirstRecord(filter.poll(batch("invalid").build()), "invalid", "no usable policy file");
        assertFalse(filter.checkPolicyNow(), "still broken");
        assertHeldAtFirstRecord(filter.poll(batch("invalid").build()), "invalid", "no usable policy file");
        filter.close();
    }

    @Test
    void policyBrokenMidRunKeepsTheLastGoodFilters() throws Exception {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"));
        assertEquals(List.of("public"), values(filter.onConsume(batch("t").build())));

        Fixtures.write(dir, "record_filters: [this is not: valid");
        assertFalse(filter.checkPolicyNow());
        assertEquals(List.of("public"), values(filter.onConsume(batch("t").build())), "last good still filters");

        Files.delete(policy);
        assertFalse(filter.checkPolicyNow());
        assertEquals(List.of("public"), values(filter.onConsume(batch("t").build())), "deleted: same");

        Fixtures.write(dir, Fixtures.filters(Fixtures.filter("all", "[\"*\"]", "true")));
        assertTrue(filter.checkPolicyNow());
        assertEquals(List.of(), values(filter.onConsume(batch("t").build())), "a valid update applies");
        filter.close();
    }

    @Test
    void anEvaluationErrorHoldsTheRecordBackUntilThePolicyIsFixed() {
        Path policy = Fixtures.write(dir, Fixtures.filters(Fixtures.filter("levels", "[\"levels\"]",
                "int(record.headers.level) > 3")));
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "c"));
        long errors = Fixtures.METRICS.count(FilterMetrics.EVALUATION_ERRORS, "filter", "levels");
        long held = heldBack("evaluation_error", "levels");
        TopicPartition tp = new TopicPartition("levels", 0);

        Fixtures.Polled first = filter.poll(new Fixtures.Batch()
                .add("levels", 0, "low", header("level", "1"))
                .add("levels", 0, "garbage", header("level", "abc"))
                .add("levels", 0, "high", header("level", "9"))
                .build());
        assertEquals(List.of("low"), values(first.delivered()), "the records before the stuck one are delivered");
        assertEquals(11L, first.delivered().nextOffsets().get(tp).offset(), "and the position stops at the stuck one");
        assertTrue(first.heldBack().get(tp).getMessage().contains("'levels' failed to evaluate"));
        assertEquals(errors + 1, Fixtures.METRICS.count(FilterMetrics.EVALUATION_ERRORS, "filter", "levels"));
        assertEquals(held + 1, heldBack("evaluation_error", "levels"));

        Fixtures.write(dir, Fixtures.filters(Fixtures.filter("levels", "[\"levels\"]",
                "record.headers.level.matches('^[0-9]+$') && int(record.headers.level) > 3")));
        assertTrue(filter.checkPolicyNow());
        Fixtures.Polled retried = filter.poll(new Fixtures.Batch()   // the next poll starts at the stuck record
                .add("levels", 0, "garbage", header("level", "abc"))
                .add("levels", 0, "high", header("level", "9"))
                .add("levels", 0, "missing")
                .build());
        assertEquals(List.of("garbage", "missing"), values(retried.delivered()), "delivered or skipped, none lost");
        assertTrue(retried.heldBack().isEmpty());
        filter.close();
    }

    @Test
    void noPrincipalYetHoldsRecordsBackUntilTheLoginPublishesAToken() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Map<String, Object> configs = Fixtures.oauthConsumer(policy, Map.of());
        Fixtures.Pair filter = Fixtures.interceptor(configs);
        long before = heldBack("no_principal", "no-token");
        assertHeldAtFirstRecord(filter.poll(batch("no-token").build()), "no-token", "principal is not known yet");
        assertEquals(before + 1, heldBack("no_principal", "no-token"));

        Object login = new Object();
        IssuedTokens.Slot slot = Fixtures.slotOf(configs);
        slot.publish(login, Fixtures.jwt(Map.of("sub", "client2")));
        assertEquals(List.of("public"), values(filter.onConsume(batch("no-token").build())));
        slot.retract(login);
        filter.close();
    }

    @Test
    void aPolicyWithoutFiltersPassesEverythingEvenWithoutAPrincipal() {
        Path policy = Fixtures.write(dir, "policies: []\n");
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.oauthConsumer(policy, Map.of()));
        Fixtures.Polled polled = filter.poll(batch("t").build());
        assertSame(polled.deserialized(), polled.delivered(), "the same batch, untouched");
        filter.close();
    }

    @Test
    void anInternalErrorHoldsTheRecordBackAndOnConsumeNeverThrows() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Fixtures.Pair filter = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"));
        Headers exploding = new RecordHeaders() {
            @Override
            public org.apache.kafka.common.header.Header lastHeader(String key) {
                throw new IllegalStateException("corrupt headers");
            }
        };
        TopicPartition tp = new TopicPartition("boom", 0);
        ConsumerRecord<String, String> record = new ConsumerRecord<>("boom", 0, 10L, 0L, TimestampType.CREATE_TIME, 1, 1,
                "k", "v", exploding, Optional.empty());
        long before = heldBack("internal_error", "boom");
        Fixtures.Polled polled = filter.poll(new ConsumerRecords<>(Map.of(tp, List.of(record)),
                Map.of(tp, new OffsetAndMetadata(11L))));
        assertHeldAtFirstRecord(polled, "boom", "internal error");
        assertInstanceOf(IllegalStateException.class, polled.heldBack().get(tp).getCause());
        assertEquals(before + 1, heldBack("internal_error", "boom"));

        // A null value reaches no deserializer: the interceptor judges it, and cannot hold it back.
        ConsumerRecord<String, String> tombstone = new ConsumerRecord<>("boom", 0, 10L, 0L, TimestampType.CREATE_TIME, 1,
                ConsumerRecord.NULL_SIZE, "k", null, exploding, Optional.empty());
        ConsumerRecords<String, String> in = new ConsumerRecords<>(Map.of(tp, List.of(tombstone)),
                Map.of(tp, new OffsetAndMetadata(11L)));
        long dropped = Fixtures.METRICS.count(FilterMetrics.DROPPED, "reason", "internal_error", "topic", "boom");
        ConsumerRecords<String, String> out = filter.interceptor.onConsume(in);
        assertTrue(out.isEmpty());
        assertEquals(Map.of(tp, new OffsetAndMetadata(11L)), out.nextOffsets());
        assertEquals(dropped + 1, Fixtures.METRICS.count(FilterMetrics.DROPPED, "reason", "internal_error", "topic", "boom"));

        RecordFilterInterceptor<String, String> unconfigured = new RecordFilterInterceptor<>();
        assertTrue(unconfigured.onConsume(in).isEmpty(), "not even configured: nothing passes");
        filter.close();
    }
}
