package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever goes wrong, records that cannot be judged are withheld and counted; onConsume never throws. */
class FailClosedTest {
    @TempDir
    Path dir;

    private static Fixtures.Batch batch(String topic) {
        return new Fixtures.Batch().add(topic, 0, "internal", header("internal", "true")).add(topic, 0, "public");
    }

    @Test
    void policyUnreadableAtStartDropsEverythingUntilItCanBeLoaded() throws Exception {
        Path missing = dir.resolve("policy.yaml");
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(missing, "client2"));
        long before = FilterMetrics.count(FilterMetrics.DROPPED, "reason", "policy_unavailable", "topic", "unreadable");

        ConsumerRecords<String, String> out = interceptor.onConsume(batch("unreadable").build());
        assertTrue(out.isEmpty());
        assertEquals(before + 2, FilterMetrics.count(FilterMetrics.DROPPED, "reason", "policy_unavailable", "topic", "unreadable"));
        assertEquals(1, out.nextOffsets().size(), "offsets still advance");

        Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        assertTrue(interceptor.checkPolicyNow());
        assertEquals(List.of("public"), values(interceptor.onConsume(batch("unreadable").build())));
        interceptor.close();
    }

    @Test
    void policyInvalidAtStartDropsEverything() {
        Path policy = Fixtures.write(dir, "record_filters:\n  - name: f\n    topics: ['*']\n    skip_when: \"record.nope(\"\n");
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client1"));
        assertTrue(interceptor.onConsume(batch("invalid").build()).isEmpty());
        assertFalse(interceptor.checkPolicyNow(), "still broken");
        assertTrue(interceptor.onConsume(batch("invalid").build()).isEmpty());
        interceptor.close();
    }

    @Test
    void policyBrokenMidRunKeepsTheLastGoodFilters() throws Exception {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"));
        assertEquals(List.of("public"), values(interceptor.onConsume(batch("t").build())));

        Fixtures.write(dir, "record_filters: [this is not: valid");
        assertFalse(interceptor.checkPolicyNow());
        assertEquals(List.of("public"), values(interceptor.onConsume(batch("t").build())), "last good still filters");

        Files.delete(policy);
        assertFalse(interceptor.checkPolicyNow());
        assertEquals(List.of("public"), values(interceptor.onConsume(batch("t").build())), "deleted: same");

        Fixtures.write(dir, Fixtures.filters(Fixtures.filter("all", "[\"*\"]", "true")));
        assertTrue(interceptor.checkPolicyNow());
        assertEquals(List.of(), values(interceptor.onConsume(batch("t").build())), "a valid update applies");
        interceptor.close();
    }

    @Test
    void evaluationErrorDropsTheRecordAndCountsIt() {
        Path policy = Fixtures.write(dir, Fixtures.filters(Fixtures.filter("levels", "[\"levels\"]",
                "int(record.headers.level) > 3")));
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "c"));
        long errors = FilterMetrics.count(FilterMetrics.EVALUATION_ERRORS, "filter", "levels");
        long dropped = FilterMetrics.count(FilterMetrics.DROPPED, "reason", "evaluation_error", "topic", "levels");
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("levels", 0, "low", header("level", "1"))
                .add("levels", 0, "garbage", header("level", "abc"))
                .add("levels", 0, "missing")
                .add("levels", 0, "high", header("level", "9"))
                .add("levels", 0, "garbage-again", header("level", "abc"));
        assertEquals(List.of("low"), values(interceptor.onConsume(batch.build())));
        assertEquals(errors + 3, FilterMetrics.count(FilterMetrics.EVALUATION_ERRORS, "filter", "levels"),
                "two garbage values and int('') of the missing header; errors are not cached");
        assertEquals(dropped + 3, FilterMetrics.count(FilterMetrics.DROPPED, "reason", "evaluation_error", "topic", "levels"));
        interceptor.close();
    }

    @Test
    void noTokenAndNoOverrideDropsEverything() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.oauthConsumer(policy, Map.of()));
        long before = FilterMetrics.count(FilterMetrics.DROPPED, "reason", "no_principal", "topic", "no-token");
        assertTrue(interceptor.onConsume(batch("no-token").build()).isEmpty());
        assertEquals(before + 2, FilterMetrics.count(FilterMetrics.DROPPED, "reason", "no_principal", "topic", "no-token"));
        interceptor.close();
    }

    @Test
    void aPolicyWithoutFiltersPassesEverythingEvenWithoutAPrincipal() {
        Path policy = Fixtures.write(dir, "policies: []\n");
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.oauthConsumer(policy, Map.of()));
        ConsumerRecords<String, String> in = batch("t").build();
        assertTrue(in == interceptor.onConsume(in), "the same batch, untouched");
        interceptor.close();
    }

    @Test
    void onConsumeNeverThrows() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        RecordFilterInterceptor<String, String> interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "client2"));
        Headers exploding = new RecordHeaders() {
            @Override
            public org.apache.kafka.common.header.Header lastHeader(String key) {
                throw new IllegalStateException("corrupt headers");
            }
        };
        TopicPartition tp = new TopicPartition("boom", 0);
        ConsumerRecord<String, String> record = new ConsumerRecord<>("boom", 0, 5L, 0L, TimestampType.CREATE_TIME, 1, 1,
                "k", "v", exploding, Optional.empty());
        ConsumerRecords<String, String> in = new ConsumerRecords<>(Map.of(tp, List.of(record)),
                Map.of(tp, new OffsetAndMetadata(6L)));
        long before = FilterMetrics.count(FilterMetrics.DROPPED, "reason", "internal_error", "topic", "boom");

        ConsumerRecords<String, String> out = interceptor.onConsume(in);
        assertTrue(out.isEmpty());
        assertEquals(Map.of(tp, new OffsetAndMetadata(6L)), out.nextOffsets());
        assertEquals(before + 1, FilterMetrics.count(FilterMetrics.DROPPED, "reason", "internal_error", "topic", "boom"));

        RecordFilterInterceptor<String, String> unconfigured = new RecordFilterInterceptor<>();
        assertTrue(unconfigured.onConsume(in).isEmpty(), "not even configured: nothing passes");
        interceptor.close();
    }
}
