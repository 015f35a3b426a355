package io.claimgate.filter.kafka;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds the filtered {@link ConsumerRecords} on whichever kafka-clients the consumer runs with:
 * the one place of the record filter that knows that API differs between Kafka versions. Both
 * constructors are public API, but neither exists on every release claimgate supports, so they
 * are part of the boundary ({@code RecordFilterBoundaryContract} checks which one each release has).
 * <ul>
 *   <li>4.0 and later: {@code ConsumerRecords(records, nextOffsets)}, so the batch keeps the
 *       consumer's next offsets ({@code records.nextOffsets()}, KIP-1094), withheld records included;</li>
 *   <li>3.x (3.7 to 3.9 tested): {@code ConsumerRecords(records)}. There is no {@code nextOffsets()};
 *       applications commit the consumer's position ({@code commitSync()}), which is past the
 *       withheld records already.</li>
 * </ul>
 * Which one is chosen once, when this class loads; both are looked up by name so that the filter
 * links against either. {@link #requireSupported()} fails the consumer's construction, naming the
 * Kafka version, when neither exists.
 */
public final class ConsumerRecordsFactory {
    /** Whether batches carry next offsets (kafka-clients 4.0+). */
    public static final boolean NEXT_OFFSETS;
    private static final MethodHandle WITH_NEXT_OFFSETS;      // (Map, Map) -> ConsumerRecords, 4.0+
    private static final MethodHandle NEXT_OFFSETS_OF;        // (ConsumerRecords) -> Map, 4.0+
    private static final MethodHandle WITHOUT_NEXT_OFFSETS;   // (Map) -> ConsumerRecords, up to 3.9 (deprecated in 4)

    static {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle with = null;
        MethodHandle next = null;
        MethodHandle without = null;
        try {
            with = lookup.findConstructor(ConsumerRecords.class, MethodType.methodType(void.class, Map.class, Map.class));
            next = lookup.findVirtual(ConsumerRecords.class, "nextOffsets", MethodType.methodType(Map.class));
        } catch (ReflectiveOperationException e) {
            with = null;   // kafka-clients before 4.0
            next = null;
        }
        if (with == null) {
            try {
                without = lookup.findConstructor(ConsumerRecords.class, MethodType.methodType(void.class, Map.class));
            } catch (ReflectiveOperationException e) {
                without = null;   // neither: requireSupported() says so
            }
        }
        WITH_NEXT_OFFSETS = with;
        NEXT_OFFSETS_OF = next;
        WITHOUT_NEXT_OFFSETS = without;
        NEXT_OFFSETS = with != null;
    }

    private ConsumerRecordsFactory() {
    }

    /** Fails, naming the kafka-clients version, if this client can build neither kind of batch. */
    public static void requireSupported() {
        if (WITH_NEXT_OFFSETS == null && WITHOUT_NEXT_OFFSETS == null) {
            throw new KafkaException("claimgate's record filter cannot run on kafka-clients " + KafkaVersion.running()
                    + ": it has neither ConsumerRecords(Map) (up to 3.9) nor ConsumerRecords(Map, Map) (4.0 and"
                    + " later); use kafka-clients 3.7 or later");
        }
    }

    /** {@code records.nextOffsets()}; empty before Kafka 4.0, whose batches have none. */
    @SuppressWarnings("unchecked")
    public static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<?, ?> records) {
        if (!NEXT_OFFSETS) {
            return Map.of();
        }
        try {
            return (Map<TopicPartition, OffsetAndMetadata>) NEXT_OFFSETS_OF.invoke(records);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** A batch of {@code records}; {@code nextOffsets} is kept where Kafka has them (4.0+) and ignored before. */
    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> of(Map<TopicPartition, List<ConsumerRecord<K, V>>> records,
                                           Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
        try {
            return (ConsumerRecords<K, V>) (NEXT_OFFSETS
                    ? WITH_NEXT_OFFSETS.invoke(records, nextOffsets)
                    : WITHOUT_NEXT_OFFSETS.invoke(records));
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        return new KafkaException(e);   // the constructors and nextOffsets() declare no checked exception
    }
}
