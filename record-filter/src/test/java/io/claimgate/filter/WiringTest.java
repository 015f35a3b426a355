package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deserializer judges and marks, the interceptor removes; either one alone fails at start naming
 * what to add; the mark cannot be forged; skipped records never reach the application's deserializer.
 */
class WiringTest {
    @TempDir
    Path dir;

    private Map<String, Object> configs() {
        return Fixtures.wired(Fixtures.fixedPrincipal(Fixtures.write(dir, Fixtures.DESIGN_POLICY), "client2"));
    }

    @Test
    void theInterceptorWithoutTheDeserializerFailsNamingBothConfigs() {
        Map<String, Object> configs = configs();
        configs.remove("value.deserializer");
        configs.remove(FilterWiring.VALUE_DESERIALIZER);
        RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> interceptor.configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS));
        assertEquals("value.deserializer", e.option());
        assertTrue(e.getMessage().contains("value.deserializer=io.claimgate.filter.RecordFilterDeserializer"), e.getMessage());
        assertTrue(e.getMessage().contains("claimgate.filter.value.deserializer=<your value deserializer class>"), e.getMessage());

        configs.put("value.deserializer", RecordFilterDeserializer.class);   // a Class is fine, the delegate is still missing
        assertThrows(InvalidOptionException.class, () -> interceptor.configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS));
    }

    @Test
    void theDeserializerWithoutTheInterceptorFailsNamingIt() {
        Map<String, Object> configs = configs();
        configs.put("interceptor.classes", "com.example.Other");
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> new RecordFilterDeserializer<String>().configure(configs, false, name -> null, Clock.systemUTC(), Fixtures.METRICS));
        assertEquals("interceptor.classes", e.option());
        assertTrue(e.getMessage().contains("must include io.claimgate.filter.RecordFilterInterceptor"), e.getMessage());

        configs.put("interceptor.classes", List.of("com.example.Other", RecordFilterInterceptor.class));
        RecordFilterDeserializer<String> ok = new RecordFilterDeserializer<>();
        ok.configure(configs, false, name -> null, Clock.systemUTC(), Fixtures.METRICS);   // a list with the class is fine
        ok.close();
    }

    @Test
    void keyUseAndABadDelegateAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RecordFilterDeserializer<String>().configure(configs(), true, name -> null, Clock.systemUTC(), Fixtures.METRICS));
        Map<String, Object> configs = configs();
        configs.put(FilterWiring.VALUE_DESERIALIZER, "com.example.Missing");
        assertEquals(FilterWiring.VALUE_DESERIALIZER, assertThrows(InvalidOptionException.class,
                () -> new RecordFilterDeserializer<String>().configure(configs, false, name -> null, Clock.systemUTC(), Fixtures.METRICS)).option());
        configs.put(FilterWiring.VALUE_DESERIALIZER, RecordFilterDeserializer.class.getName());
        assertEquals(FilterWiring.VALUE_DESERIALIZER, assertThrows(InvalidOptionException.class,
                () -> new RecordFilterDeserializer<String>().configure(configs, false, name -> null, Clock.systemUTC(), Fixtures.METRICS)).option());
    }

    /** Counts its calls: the application's deserializer must not run for records this consumer may not see. */
    public static final class CountingDeserializer implements Deserializer<String> {
        static int calls;
        static Map<String, ?> configuredWith;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            configuredWith = configs;
        }

        @Override
        public String deserialize(String topic, byte[] data) {
            calls++;
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    @Test
    void skippedRecordsAreMarkedAndNeverReachTheApplicationsDeserializer() {
        Map<String, Object> configs = configs();
        configs.put(FilterWiring.VALUE_DESERIALIZER, CountingDeserializer.class.getName());
        Fixtures.Pair filter = new Fixtures.Pair(configs, Fixtures.METRICS);
        assertEquals("client2", CountingDeserializer.configuredWith.get("claimgate.filter.principal"), "same configs");
        CountingDeserializer.calls = 0;

        RecordHeaders internal = new RecordHeaders();
        internal.add("internal", "true".getBytes(StandardCharsets.UTF_8));
        assertNull(filter.deserializer.deserialize("t", internal, ByteBuffer.wrap(new byte[] {1, 2})));
        assertTrue(WithheldMark.isMarked(internal));
        assertEquals(0, CountingDeserializer.calls);

        RecordHeaders plain = new RecordHeaders();
        assertEquals("ok", filter.deserializer.deserialize("t", plain, "ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, CountingDeserializer.calls);
        assertEquals(0, plain.toArray().length, "a record that passes keeps its headers as they were");
        filter.close();
    }

    @Test
    void aForgedMarkIsIgnored() {
        Fixtures.Pair filter = Fixtures.interceptor(configs());
        ConsumerRecords<String, String> in = new Fixtures.Batch()
                .add("t", 0, "forged", header(WithheldMark.KEY, null))
                .add("t", 0, "forged-fetched", header(WithheldMark.KEY, ""))
                .build();
        assertEquals(List.of("forged", "forged-fetched"), values(filter.onConsume(in)));
        RecordHeaders forged = new RecordHeaders();
        forged.add(new org.apache.kafka.common.header.internals.RecordHeader(WithheldMark.KEY, null));
        assertTrue(!WithheldMark.isMarked(forged), "same key and value, another object");
        filter.close();
    }

    @Test
    void nullValuesReachNoDeserializerSoTheInterceptorJudgesThem() {
        Fixtures.Pair filter = Fixtures.interceptor(configs());
        TopicPartition tp = new TopicPartition("tombstones", 0);
        RecordHeaders internal = new RecordHeaders();
        internal.add("internal", "true".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, String>> list = List.of(
                new ConsumerRecord<>("tombstones", 0, 1L, 0L, TimestampType.CREATE_TIME, 1, ConsumerRecord.NULL_SIZE,
                        "hidden", null, internal, Optional.empty()),
                new ConsumerRecord<>("tombstones", 0, 2L, 0L, TimestampType.CREATE_TIME, 1, ConsumerRecord.NULL_SIZE,
                        "shown", null, new RecordHeaders(), Optional.empty()));
        ConsumerRecords<String, String> out = filter.poll(new ConsumerRecords<>(Map.of(tp, list),
                Map.of(tp, new OffsetAndMetadata(3L)))).delivered();
        assertEquals(1, out.count());
        assertEquals("shown", out.iterator().next().key());
        filter.close();
    }

    @Test
    void anInterceptorWhoseDeserializerIsNotClaimgatesJudgesByItself() {
        // As when the application passes deserializer objects to KafkaConsumer: Kafka ignores value.deserializer.
        Map<String, Object> configs = configs();
        RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        interceptor.configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS);
        new RecordFilterInterceptor<String, String>().configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS);   // the next consumer's
        ConsumerRecords<String, String> unjudged = new Fixtures.Batch()
                .add("t", 0, "internal", header("internal", "true")).add("t", 0, "public").build();
        assertEquals(List.of("public"), values(interceptor.onConsume(unjudged)), "never passes records nobody judged");
        interceptor.close();
    }

    @Test
    void aPairingWhoseDeserializerDidNotJudgeTheBatchIsDroppedAndTheInterceptorJudgesByItself() {
        Map<String, Object> configs = configs();
        RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        interceptor.configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS);
        Map<String, Object> other = configs();   // same client.id (none): it pairs...
        other.put("claimgate.filter.principal", "client1");
        RecordFilterDeserializer<String> deserializer = new RecordFilterDeserializer<>();
        deserializer.configure(other, false, name -> null, Clock.systemUTC(), Fixtures.METRICS);
        deserializer.deserialize("t", new RecordHeaders(), "elsewhere".getBytes(StandardCharsets.UTF_8));
        ConsumerRecords<String, String> unjudged = new Fixtures.Batch()
                .add("t", 0, "internal", header("internal", "true")).add("t", 0, "public").build();
        // ...but these records did not go through it: judged here, as client2 (not as client1).
        assertEquals(List.of("public"), values(interceptor.onConsume(unjudged)));
        assertEquals(List.of("public"), values(interceptor.onConsume(unjudged)), "and from then on");
        interceptor.close();
        deserializer.close();
    }

    @Test
    void aDeserializerPairsOnlyWithTheInterceptorOfTheSameClientId() {
        Map<String, Object> configs = configs();
        configs.put("client.id", "a");
        RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        interceptor.configure(configs, name -> null, Clock.systemUTC(), Fixtures.METRICS);
        Map<String, Object> other = configs();
        other.put("client.id", "b");
        other.put("claimgate.filter.principal", "client1");
        RecordFilterDeserializer<String> deserializer = new RecordFilterDeserializer<>();
        deserializer.configure(other, false, name -> null, Clock.systemUTC(), Fixtures.METRICS);
        ConsumerRecords<String, String> unjudged = new Fixtures.Batch()
                .add("t", 0, "internal", header("internal", "true")).add("t", 0, "public").build();
        assertEquals(List.of("public"), values(interceptor.onConsume(unjudged)), "judged as a, by itself");
        interceptor.close();
        deserializer.close();
    }
}
