package io.claimgate.filter;

import io.claimgate.filter.kafka.ConsumerRecordsFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled batch in, the records to deliver (with next offsets) out. Two ways:
 * <ul>
 *   <li>{@link #removeMarked}: the consumer's {@link RecordFilterDeserializer} has judged every
 *       record with a value: remove the records it {@linkplain WithheldMark marked}, and judge the
 *       null-value records, which no deserializer sees;</li>
 *   <li>{@link #apply}: judge every record here (the interceptor without its deserializer). A
 *       record is withheld when a filter that applies to its topic says "skip" or cannot decide
 *       (evaluation error); the first such filter decides, in file order.</li>
 * </ul>
 *
 * <p><b>Offsets.</b> On kafka-clients 4.0+ the result carries the batch's {@code ConsumerRecords.nextOffsets()}
 * unchanged (the consumer's position after the whole fetch, skipped records included), so an
 * application that commits {@code records.nextOffsets()} commits past withheld records, and
 * nothing it may see is lost or delivered twice. Should an earlier interceptor have dropped them, a
 * partition we remove records from gets {@code last fetched offset + 1}. Partitions left with no
 * records are omitted from the records (as Kafka's own batches never list empty partitions) but
 * keep their next offset. Kafka 3.x batches have no next offsets ({@link ConsumerRecordsFactory}): the
 * consumer's position, which applications commit there, is past the withheld records already.
 *
 * <p>Cheap when nothing is withheld: the original batch, or each untouched partition's list, is
 * passed on as it is, not copied.
 */
final class BatchFilter {
    private BatchFilter() {
    }

    static <K, V> ConsumerRecords<K, V> apply(ConsumerRecords<K, V> records, FilterView view) {
        if (records.isEmpty() || view.passesEverything()) {
            return records;
        }
        if (view.dropAll() != null) {
            return dropAll(records, view.dropAll(), view.metrics());
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> kept = new LinkedHashMap<>();
        Map<TopicPartition, ConsumerRecord<K, V>> lastRemoved = null;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> list = records.records(partition);
            FilterDecider.TopicDecider[] deciders = view.forTopic(partition.topic());
            List<ConsumerRecord<K, V>> result = deciders.length == 0 ? list : filter(partition.topic(), list, deciders, view.metrics());
            if (result != list) {
                if (lastRemoved == null) {
                    lastRemoved = new HashMap<>();
                }
                lastRemoved.put(partition, list.get(list.size() - 1));
            }
            if (!result.isEmpty()) {
                kept.put(partition, result);
            }
        }
        if (lastRemoved == null) {
            return records;
        }
        return ConsumerRecordsFactory.of(kept, nextOffsets(records, lastRemoved));
    }

    /**
     * The batch without the records the deserializer marked; null-value records (never deserialized)
     * are judged here with the deserializer's runtime, and withheld, not retried, when they cannot be.
     * Null when the batch has deserialized records but none judged by {@code runtime}'s deserializer
     * (it is another consumer's): then nothing here was judged, and the caller must judge it all.
     */
    static <K, V> ConsumerRecords<K, V> removeMarked(ConsumerRecords<K, V> records, FilterRuntime runtime) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> kept = new LinkedHashMap<>();
        Map<TopicPartition, ConsumerRecord<K, V>> lastRemoved = null;
        FilterView view = null;   // looked up at the first null-value record
        boolean deserialized = false;
        boolean judgedHere = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> list = records.records(partition);
            boolean[] withheld = null;
            for (int i = 0; i < list.size(); i++) {
                ConsumerRecord<K, V> record = list.get(i);
                if (record.serializedValueSize() != ConsumerRecord.NULL_SIZE) {
                    deserialized = true;
                    judgedHere = judgedHere || runtime.judgedIn(record.headers());
                }
                if (record.value() != null) {
                    continue;   // judged by the deserializer and let through (a skipped record's value is null)
                }
                boolean withhold;
                if (record.serializedValueSize() != ConsumerRecord.NULL_SIZE) {
                    withhold = WithheldMark.isMarked(record.headers());
                } else {
                    if (view == null) {
                        view = runtime.currentView();
                    }
                    withhold = !judgeNullValue(partition.topic(), record, view);
                }
                if (withhold) {
                    if (withheld == null) {
                        withheld = new boolean[list.size()];
                    }
                    withheld[i] = true;
                }
            }
            runtime.publishCounts(partition.topic());   // the deserializer's, and those of null values just judged
            List<ConsumerRecord<K, V>> result = withheld == null ? list : compact(list.toArray(), withheld);
            if (result != list) {
                if (lastRemoved == null) {
                    lastRemoved = new HashMap<>();
                }
                lastRemoved.put(partition, list.get(list.size() - 1));
            }
            if (!result.isEmpty()) {
                kept.put(partition, result);
            }
        }
        if (deserialized && !judgedHere) {
            return null;
        }
        if (lastRemoved == null) {
            return records;
        }
        return ConsumerRecordsFactory.of(kept, nextOffsets(records, lastRemoved));
    }

    /** Whether a record with a null value may be delivered; counted one by one (they are rare). */
    private static boolean judgeNullValue(String topic, ConsumerRecord<?, ?> record, FilterView view) {
        if (view.passesEverything()) {
            return true;
        }
        if (view.dropAll() != null) {
            view.metrics().dropped(view.dropAll(), topic, 1);
            return false;
        }
        for (FilterDecider.TopicDecider decider : view.forTopic(topic)) {
            int decision = decider.decide(record);
            if (decision == FilterDecider.PASS) {
                decider.countPassed();
            } else if (decision == FilterDecider.SKIP) {
                decider.countSkipped();
                return false;
            } else {
                view.metrics().evaluationErrors(decider.owner().filter().name(), 1);
                view.metrics().dropped(DropReason.EVALUATION_ERROR, topic, 1);
                return false;
            }
        }
        return true;
    }

    /** The records of one partition that every applicable filter lets through; {@code list} itself if all are. */
    private static <K, V> List<ConsumerRecord<K, V>> filter(String topic, List<ConsumerRecord<K, V>> list,
                                                            FilterDecider.TopicDecider[] deciders,
                                                            FilterMetrics metrics) {
        long[] passed = new long[deciders.length];
        long[] skipped = new long[deciders.length];
        long[] failed = new long[deciders.length];
        // One copy of the references (the batch's list is an unmodifiable view of an ArrayList): each
        // record is then one array read instead of two list calls, and the kept ones are compacted
        // into the same array.
        Object[] records = list.toArray();
        int size = records.length;
        // Judged last to first: the consumer has just parsed these records, most recent last, and
        // a batch's objects are about as large as the core's cache, so the newest records are still
        // in it while the oldest are not. Going backwards reads the cached ones first instead of
        // evicting them on the way to the far end. Each record is judged on its own, so the order
        // changes no answer.
        boolean[] withheld = null;   // allocated at the first withheld record
        for (int i = size - 1; i >= 0; i--) {
            @SuppressWarnings("unchecked")
            ConsumerRecord<K, V> record = (ConsumerRecord<K, V>) records[i];
            boolean keep = true;
            for (int d = 0; d < deciders.length && keep; d++) {
                int decision = deciders[d].decide(record);
                if (decision == FilterDecider.PASS) {
                    passed[d]++;
                } else if (decision == FilterDecider.SKIP) {
                    skipped[d]++;
                    keep = false;
                } else {
                    failed[d]++;
                    keep = false;
                }
            }
            if (!keep) {
                if (withheld == null) {
                    withheld = new boolean[size];
                }
                withheld[i] = true;
            }
        }
        List<ConsumerRecord<K, V>> kept = withheld == null ? list : compact(records, withheld);
        long errors = 0;
        for (int d = 0; d < deciders.length; d++) {
            String name = deciders[d].owner().filter().name();
            metrics.passed(name, topic, passed[d]);
            metrics.skipped(name, topic, skipped[d]);
            metrics.evaluationErrors(name, failed[d]);
            errors += failed[d];
        }
        metrics.dropped(DropReason.EVALUATION_ERROR, topic, errors);
        return kept;
    }

    /** The records not withheld, in order, compacted into {@code records} itself. */
    private static <K, V> List<ConsumerRecord<K, V>> compact(Object[] records, boolean[] withheld) {
        int n = 0;
        for (int i = 0; i < records.length; i++) {
            if (!withheld[i]) {
                records[n++] = records[i];
            }
        }
        @SuppressWarnings("unchecked")
        List<ConsumerRecord<K, V>> compacted = (List<ConsumerRecord<K, V>>) (List<?>) Arrays.asList(records);
        return compacted.subList(0, n);
    }

    /** Nothing can be judged: withhold every record, count them, keep the offsets moving. */
    static <K, V> ConsumerRecords<K, V> dropAll(ConsumerRecords<K, V> records, DropReason reason,
                                                  FilterMetrics metrics) {
        Map<TopicPartition, ConsumerRecord<K, V>> last = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> list = records.records(partition);
            if (!list.isEmpty()) {
                metrics.dropped(reason, partition.topic(), list.size());
                last.put(partition, list.get(list.size() - 1));
            }
        }
        return ConsumerRecordsFactory.of(Map.of(), nextOffsets(records, last));
    }

    private static <K, V> Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<K, V> records,
                                                                           Map<TopicPartition, ConsumerRecord<K, V>> lastRemoved) {
        if (!ConsumerRecordsFactory.NEXT_OFFSETS) {
            return Map.of();   // kafka-clients 3.x: batches have no next offsets
        }
        Map<TopicPartition, OffsetAndMetadata> next = ConsumerRecordsFactory.nextOffsets(records);
        boolean complete = true;
        for (TopicPartition partition : lastRemoved.keySet()) {
            complete &= next.containsKey(partition);
        }
        if (complete) {
            return next;
        }
        Map<TopicPartition, OffsetAndMetadata> filled = new HashMap<>(next);
        lastRemoved.forEach((partition, last) -> filled.putIfAbsent(partition,
                new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), "")));
        return filled;
    }
}
