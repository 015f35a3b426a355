package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebuilt batch carries next offsets past withheld records. */
class OffsetsTest {
    @TempDir
    Path dir;

    private Fixtures.Pair client2() {
        return Fixtures.interceptor(Fixtures.fixedPrincipal(Fixtures.write(dir, Fixtures.DESIGN_POLICY), "client2"));
    }

    @Test
    void nextOffsetsAreKeptForEveryPartitionAndEmptiedPartitionsAreOmitted() {
        ConsumerRecords<String, String> in = new Fixtures.Batch()
                .add("a", 0, "a0", header("internal", "true"))
                .add("a", 0, "a1")
                .add("a", 0, "a2", header("internal", "true"))   // the last record is withheld
                .add("b", 1, "b0", header("internal", "true"))   // the whole partition is withheld
                .add("c", 0, "c0")
                .build();
        ConsumerRecords<String, String> out = client2().onConsume(in);

        assertEquals(List.of("a1", "c0"), values(out));
        assertEquals(Set.of(new TopicPartition("a", 0), new TopicPartition("c", 0)), out.partitions());
        assertEquals(in.nextOffsets(), out.nextOffsets());
        assertEquals(new OffsetAndMetadata(18L, Optional.of(7), ""), out.nextOffsets().get(new TopicPartition("a", 0)));
        assertEquals(2, out.count());
    }

    @Test
    void keptRecordsStayInFetchOrder() {
        // Records are judged last to first (BatchFilter); what is delivered must keep the fetch order.
        ConsumerRecords<String, String> in = new Fixtures.Batch().fetched()
                .add("a", 0, "a0")
                .add("a", 0, "a1", header("internal", "true"))
                .add("a", 0, "a2", header("internal", "false"))
                .add("a", 0, "a3")
                .add("a", 0, "a4", header("internal", "true"))
                .add("a", 0, "a5")
                .build();
        assertEquals(List.of("a0", "a2", "a3", "a5"), values(client2().onConsume(in)));
    }

    @Test
    void untouchedBatchesAndPartitionsAreNotCopied() {
        ConsumerRecords<String, String> in = new Fixtures.Batch().add("a", 0, "a0").add("a", 0, "a1").build();
        Fixtures.Polled polled = client2().poll(in);
        assertSame(polled.deserialized(), polled.delivered());
    }

    @Test
    void missingNextOffsetsAreFilledAfterTheLastFetchedRecord() {
        ConsumerRecords<String, String> in = new Fixtures.Batch()
                .add("a", 0, "a0")
                .add("a", 0, "a1", header("internal", "true"))
                .buildWithoutNextOffsets();   // as an older interceptor earlier in the chain might build it
        ConsumerRecords<String, String> out = client2().onConsume(in);
        assertEquals(List.of("a0"), values(out));
        assertEquals(Map.of(new TopicPartition("a", 0), new OffsetAndMetadata(12L, Optional.of(7), "")), out.nextOffsets());
    }
}
