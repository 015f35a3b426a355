package io.claimgate.filter;

import io.claimgate.policy.cel.CelVariables;
import io.claimgate.policy.cel.EvaluationException;
import io.claimgate.filter.kafka.HeaderLookup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One filter's decisions for one principal. When the filter's {@code skip_when} depends only on
 * the principal, the topic and a few headers with constant keys ({@link CompiledFilter#headerKeys()}),
 * its result is remembered per topic and per combination of those header values: deciding a record
 * then costs a header lookup and a hash lookup, not a CEL evaluation. Dynamic expressions are
 * evaluated for every record.
 *
 * <p>Failed evaluations are never remembered: an error must not become a cached answer, and each
 * failing record is counted. Caches are bounded ({@value #MAX_TOPICS} topics, {@value #MAX_VALUES}
 * value combinations per topic) and simply start over when full, so a header with unbounded
 * values (a trace id) costs evaluations, never memory. Instances live as long as the
 * (policy, principal) pair they were made for.
 */
final class FilterDecider {
    static final int PASS = 0;
    static final int SKIP = 1;
    static final int ERROR = 2;

    static final int MAX_TOPICS = 10_000;
    static final int MAX_VALUES = 4_096;

    /** Stands for "header absent" in cache keys (a present header is never null: see {@link HeaderValues}). */
    private static final Object ABSENT = new Object();

    private final CompiledFilter filter;
    private final FilterPrincipal principal;
    private final String[] keys;   // null = dynamic
    private final HeaderLookup[] lookups;
    private final Map<String, TopicDecider> topics = new ConcurrentHashMap<>();
    private final ErrorLog errors;
    private final FilterMetrics metrics;

    FilterDecider(CompiledFilter filter, FilterPrincipal principal, ErrorLog errors, FilterMetrics metrics) {
        this.filter = filter;
        this.principal = principal;
        this.keys = filter.headerKeys().map(k -> k.toArray(new String[0])).orElse(null);
        this.lookups = keys == null ? null : java.util.Arrays.stream(keys).map(HeaderLookup::new).toArray(HeaderLookup[]::new);
        this.errors = errors;
        this.metrics = metrics;
    }

    CompiledFilter filter() {
        return filter;
    }

    /** {@link TopicDecider#publishCounts} for every topic; when this decider's view is replaced. */
    void publishAllCounts() {
        topics.values().forEach(TopicDecider::publishCounts);
    }

    /** The decisions for one topic this filter applies to; look it up once per partition of a batch. */
    TopicDecider forTopic(String topic) {
        TopicDecider known = topics.get(topic);
        if (known != null) {
            return known;
        }
        if (topics.size() >= MAX_TOPICS) {
            topics.clear();
        }
        return topics.computeIfAbsent(topic, TopicDecider::new);
    }

    /** Decisions for one topic; thread-safe. */
    final class TopicDecider {
        private final String topic;
        private final Map<Object, Boolean> decided = new ConcurrentHashMap<>();
        /** The decision when every header read is absent, the commonest case; null = not known yet. */
        private volatile Boolean whenAbsent;
        /** One key: the last value decided and its decision, compared as bytes before anything is decoded. */
        private volatile LastValue lastValue;
        /**
         * Records judged one at a time (by the deserializer) and not yet added to the metrics: plain
         * fields, because the deserializer and the interceptor that {@linkplain #publishCounts publishes}
         * them run on the consumer's one polling thread; an atomic add per record cost more than the
         * judging.
         */
        private long unpublishedPassed;
        private long unpublishedSkipped;

        private TopicDecider(String topic) {
            this.topic = topic;
        }

        FilterDecider owner() {
            return FilterDecider.this;
        }

        /** Counts one record this filter let through; {@link #publishCounts} adds it to the metrics. */
        void countPassed() {
            unpublishedPassed++;
        }

        /** Counts one record this filter skipped; {@link #publishCounts} adds it to the metrics. */
        void countSkipped() {
            unpublishedSkipped++;
        }

        /** Adds the records counted since the last call to the metrics; on the polling thread. */
        void publishCounts() {
            long passed = unpublishedPassed;
            long skipped = unpublishedSkipped;
            if (passed != 0 || skipped != 0) {
                unpublishedPassed = 0;
                unpublishedSkipped = 0;
                metrics.passed(filter.name(), topic, passed);
                metrics.skipped(filter.name(), topic, skipped);
            }
        }

        /** {@link #PASS}, {@link #SKIP} or {@link #ERROR}. */
        int decide(ConsumerRecord<?, ?> record) {
            return decide(record.headers());
        }

        /** {@link #PASS}, {@link #SKIP} or {@link #ERROR}, for a record of this topic with these headers. */
        int decide(Headers headers) {
            if (keys == null) {
                return evaluate(HeaderValues.all(headers));
            }
            Object cacheKey;
            String[] values = null;
            if (keys.length == 0) {
                cacheKey = ABSENT;
            } else if (keys.length == 1) {
                Header header = lookups[0].last(headers);
                if (header == null) {
                    cacheKey = ABSENT;
                } else {
                    LastValue last = lastValue;
                    if (last != null && HeaderLookup.sameValue(header, last.bytes())) {
                        return last.skip() ? SKIP : PASS;
                    }
                    byte[] bytes = header.value();
                    int result = decideValue(HeaderValues.decode(bytes), null);
                    if (result != ERROR) {
                        lastValue = new LastValue(bytes == null ? null : bytes.clone(), result == SKIP);
                    }
                    return result;
                }
            } else {
                values = new String[keys.length];
                boolean any = false;
                for (int i = 0; i < keys.length; i++) {
                    values[i] = HeaderValues.valueOf(lookups[i].last(headers));
                    any |= values[i] != null;
                }
                cacheKey = any ? Arrays.asList(values) : ABSENT;   // equals/hashCode by content, nulls allowed
            }
            return decideValue(cacheKey, values);
        }

        private int decideValue(Object cacheKey, String[] values) {
            Boolean known = cacheKey == ABSENT ? whenAbsent : decided.get(cacheKey);
            if (known != null) {
                return known ? SKIP : PASS;
            }
            int result = evaluate(readHeaders(cacheKey, values));
            if (result != ERROR) {
                if (cacheKey == ABSENT) {
                    whenAbsent = result == SKIP;
                } else {
                    if (decided.size() >= MAX_VALUES) {
                        decided.clear();
                    }
                    decided.put(cacheKey, result == SKIP);
                }
            }
            return result;
        }

        /** Only the headers the expression reads: the same result, less to copy. */
        private Map<String, String> readHeaders(Object cacheKey, String[] values) {
            if (keys.length == 0 || cacheKey == ABSENT) {
                return Map.of();
            }
            if (keys.length == 1) {
                return Map.of(keys[0], (String) cacheKey);
            }
            Map<String, String> out = new java.util.HashMap<>();
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    out.put(keys[i], values[i]);
                }
            }
            return out;
        }

        private int evaluate(Map<String, String> headers) {
            try {
                boolean skip = filter.skipWhen().evaluateBool(CelVariables.withRecord(principal.variables(), topic, headers));
                return skip ? SKIP : PASS;
            } catch (EvaluationException e) {
                errors.report(filter.name(), topic, e.getMessage());
                return ERROR;
            }
        }
    }

    /** A header value as Kafka holds it (null for a null value) and what was decided for it. */
    private static final class LastValue {
        private final byte[] bytes;
        private final boolean skip;

        LastValue(byte[] bytes, boolean skip) {
            this.bytes = bytes;
            this.skip = skip;
        }

        byte[] bytes() {
            return bytes;
        }

        boolean skip() {
            return skip;
        }
    }

    /** Keys, for tests. */
    List<String> keys() {
        return keys == null ? null : List.of(keys);
    }
}
