package io.claimgate.filter;

import io.claimgate.common.metrics.AdderCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The record filter's meters on one registry (in a client, claimgate's registry, JMX domain
 * {@code claimgate}). One instance per registry ({@link #on}), passed to everything that counts:
 * the consumers of one application add up, as a meter id registers once per registry.
 * <ul>
 *   <li>{@value #PASSED} {filter, topic}: records a filter judged and let through;</li>
 *   <li>{@value #SKIPPED} {filter, topic}: records a filter's {@code skip_when} withheld;</li>
 *   <li>{@value #HELD_BACK} {reason, topic}: attempts to judge a record that failed, so the record
 *       stayed in its partition to be retried ({@link RecordHeldBackException}); a record stuck for
 *       a while counts once per {@code poll()}. Reasons: {@code policy_unavailable},
 *       {@code no_principal}, {@code evaluation_error}, {@code internal_error};</li>
 *   <li>{@value #DROPPED} {reason, topic}: records withheld because they could not be judged and
 *       that are NOT retried: only records with a null value (no deserializer sees them), and every
 *       record of a consumer whose value deserializer is not claimgate's; same reasons;</li>
 *   <li>{@value #EVALUATION_ERRORS} {filter}: {@code skip_when} evaluations that failed;</li>
 *   <li>{@value #POLICY_RELOADS} {result=success|failure}: changes of the policy file loaded or refused
 *       (the same meter as the broker's).</li>
 * </ul>
 * At most {@value #MAX_TOPIC_TAGS} distinct topic tags per registry (as the authorizer's); later
 * topics count under {@value #OTHER_TOPIC}. Counts are added once per partition of a batch, not per
 * record (records the deserializer judges are counted in plain fields and published by the interceptor).
 */
final class FilterMetrics {
    static final String PASSED = "filter.records.passed";
    static final String SKIPPED = "filter.records.skipped";
    static final String DROPPED = "filter.records.dropped";
    static final String HELD_BACK = "filter.records.held_back";
    static final String EVALUATION_ERRORS = "filter.evaluation.errors";
    static final String POLICY_RELOADS = "policy.reloads";

    static final int MAX_TOPIC_TAGS = 1000;
    static final String OTHER_TOPIC = "__other";

    /** Weak keys: a registry that is gone takes its meters with it. */
    private static final Map<MeterRegistry, FilterMetrics> BY_REGISTRY = new WeakHashMap<>();

    private final MeterRegistry registry;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Set<String> topicTags = ConcurrentHashMap.newKeySet();

    private FilterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The record filter's meters on {@code registry}: the same instance for every consumer that uses it. */
    static FilterMetrics on(MeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, FilterMetrics::new);
        }
    }

    void passed(String filter, String topic, long n) {
        add(n, PASSED, "records a filter judged and let through", "filter", filter, "topic", topicTag(topic));
    }

    void skipped(String filter, String topic, long n) {
        add(n, SKIPPED, "records a filter's skip_when withheld", "filter", filter, "topic", topicTag(topic));
    }

    void dropped(DropReason reason, String topic, long n) {
        add(n, DROPPED, "records withheld because they could not be judged", "reason", reason.tag(),
                "topic", topicTag(topic));
    }

    void heldBack(DropReason reason, String topic) {
        add(1, HELD_BACK, "attempts to judge a record that failed; the record stays in its partition and is retried",
                "reason", reason.tag(), "topic", topicTag(topic));
    }

    /** The authorizer's {@code policy.reloads} counter, for the client's own policy file. */
    void policyReload(boolean loaded) {
        add(1, POLICY_RELOADS, "policy file changes loaded or refused", "result", loaded ? "success" : "failure");
    }

    void evaluationErrors(String filter, long n) {
        add(n, EVALUATION_ERRORS, "skip_when evaluations that failed", "filter", filter);
    }

    /** The current count; for tests. */
    long count(String name, String... tags) {
        LongAdder adder = counters.get(key(name, tags));
        return adder == null ? 0 : adder.sum();
    }

    private String topicTag(String topic) {
        return boundedTag(topicTags, MAX_TOPIC_TAGS, topic);
    }

    /** {@code topic} while fewer than {@code max} tags are in use (or it is one of them), else {@value #OTHER_TOPIC}. */
    static String boundedTag(Set<String> inUse, int max, String topic) {
        if (inUse.contains(topic)) {
            return topic;
        }
        if (inUse.size() < max) {
            inUse.add(topic);   // a race may admit a few more than max; the bound is about orders of magnitude
            return topic;
        }
        return OTHER_TOPIC;
    }

    private void add(long n, String name, String description, String... tags) {
        if (n <= 0) {
            return;
        }
        String key = key(name, tags);
        LongAdder adder = counters.get(key);
        if (adder == null) {
            adder = counters.computeIfAbsent(key, k -> register(name, description, tags));
        }
        adder.add(n);
    }

    private static String key(String name, String... tags) {
        return name + '|' + String.join("|", tags);
    }

    private LongAdder register(String name, String description, String... tags) {
        return AdderCounters.counter(registry, name, description, Tags.of(tags));
    }
}
