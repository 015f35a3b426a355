package io.claimgate.authorizer.metrics;

import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The authorizer's meters on the shared claimgate registry (JMX domain {@code claimgate}). Counts
 * are JVM-wide: a combined-mode node runs an authorizer for its broker and one for its controller,
 * and their numbers add up in one place, as {@link ClaimgateMetrics} intends.
 *
 * <p>Counting sits on the request path, so counters are plain {@link LongAdder}s, published as
 * Micrometer function counters that are registered the first time a tag combination occurs. The
 * request path resolves a decision's counters once and keeps them with the cached decision, so a
 * cache hit costs one add (two for a counted denial).
 *
 * <ul>
 *   <li>{@value #DECISIONS} {result=allowed|denied, operation, resource_type}: what Kafka was told</li>
 *   <li>{@value #TOPIC_DECISIONS} {topic, operation, result}: decisions on named topics (what Kafka was told)</li>
 *   <li>{@value #TOPIC_DENIALS} {topic}: denials (and audit-mode would-be denials) per explicitly requested topic</li>
 *   <li>{@value #AUDIT_WOULD_DENY} {operation, resource_type}: audit mode, denied-but-allowed</li>
 *   <li>{@value #EVALUATION_ERRORS} {policy}: CEL conditions that failed at run time</li>
 *   <li>{@value #CACHE_HITS}, {@value #CACHE_MISSES}, gauges {@value #CACHE_SIZE}, {@value #CACHE_HIT_RATIO}</li>
 *   <li>{@value #POLICY_RELOADS} {result=success|failure}, gauge {@value #POLICY_LAST_RELOAD_FAILED} (1 or 0)</li>
 * </ul>
 * The {@code topic} tag takes at most {@link #maxTopics()} distinct topic names (JVM-wide,
 * {@code claimgate.authorizer.metrics.max.topics}); later topics count under {@value #OTHER_TOPIC},
 * so a client scanning random names cannot grow JMX and Prometheus without end.
 */
public final class AuthorizerMetrics {
    public static final String DECISIONS = "authorizer.decisions";
    public static final String TOPIC_DECISIONS = "authorizer.topic.decisions";
    public static final String TOPIC_DENIALS = "authorizer.topic.denials";
    public static final String AUDIT_WOULD_DENY = "authorizer.audit.would.deny";
    public static final String EVALUATION_ERRORS = "authorizer.evaluation.errors";
    public static final String CACHE_HITS = "authorizer.cache.hits";
    public static final String CACHE_MISSES = "authorizer.cache.misses";
    public static final String CACHE_SIZE = "authorizer.cache.size";
    public static final String CACHE_HIT_RATIO = "authorizer.cache.hit.ratio";
    public static final String POLICY_RELOADS = "policy.reloads";
    public static final String POLICY_LAST_RELOAD_FAILED = "policy.last.reload.failed";

    public static final String OTHER_TOPIC = "__other";

    /** What a live authorizer reports to the gauges. */
    public interface Source {
        long cacheSize();

        boolean lastReloadFailed();
    }

    private static final MeterRegistry REGISTRY = ClaimgateMetrics.registry();
    private static final int OPS = AclOperation.values().length;
    private static final int TYPES = ResourceType.values().length;
    private static final AtomicReferenceArray<LongAdder> DECISION_COUNTS = new AtomicReferenceArray<>(2 * OPS * TYPES);
    private static final AtomicReferenceArray<LongAdder> AUDIT_COUNTS = new AtomicReferenceArray<>(OPS * TYPES);
    private static final Map<String, LongAdder> NAMED = new ConcurrentHashMap<>();
    private static final Map<String, TopicMeters> TOPICS = new ConcurrentHashMap<>();
    private static final TopicMeters OTHER = new TopicMeters(OTHER_TOPIC);
    private static volatile int maxTopics = AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS;
    private static final LongAdder HITS = counter(CACHE_HITS, "decision-cache hits");
    private static final LongAdder MISSES = counter(CACHE_MISSES, "decision-cache misses");
    private static final Set<Source> SOURCES = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        gauge(CACHE_SIZE, "decision-cache entries", set -> sum(set, Source::cacheSize));
        gauge(POLICY_LAST_RELOAD_FAILED, "1 if the latest policy file change could not be loaded",
                set -> sum(set, s -> s.lastReloadFailed() ? 1 : 0) > 0 ? 1 : 0);
        Gauge.builder(CACHE_HIT_RATIO, () -> {
            double hits = HITS.sum();
            double total = hits + MISSES.sum();
            return total == 0 ? 0 : hits / total;
        }).description("decision-cache hits / lookups since start").register(REGISTRY);
    }

    private AuthorizerMetrics() {
    }

    /** Include an authorizer in the gauges while it is alive (weakly held; also removed by {@link #unregister}). */
    public static void register(Source source) {
        SOURCES.add(source);
    }

    public static void unregister(Source source) {
        SOURCES.remove(source);
    }

    /**
     * The {@value #DECISIONS} counter of one outcome. Callers on the request path resolve it once and
     * keep it (the decision cache holds it with the decision), so counting a decision is one add.
     */
    public static LongAdder decisionCounter(boolean allowed, AclOperation op, ResourceType type) {
        int index = ((allowed ? 1 : 0) * OPS + op.ordinal()) * TYPES + type.ordinal();
        LongAdder count = DECISION_COUNTS.get(index);
        return count != null ? count : register(DECISION_COUNTS, index, DECISIONS, "authorization decisions",
                "result", allowed ? "allowed" : "denied", "operation", lower(op), "resource_type", lower(type));
    }

    /** The {@value #AUDIT_WOULD_DENY} counter of an operation and resource type; resolve once, as above. */
    public static LongAdder auditWouldDenyCounter(AclOperation op, ResourceType type) {
        int index = op.ordinal() * TYPES + type.ordinal();
        LongAdder count = AUDIT_COUNTS.get(index);
        return count != null ? count : register(AUDIT_COUNTS, index, AUDIT_WOULD_DENY,
                "decisions allowed only because of audit mode", "operation", lower(op), "resource_type", lower(type));
    }

    /**
     * The per-topic counters of a topic: its own while fewer than {@link #maxTopics()} topics have
     * them (or it already has), else {@value #OTHER_TOPIC}'s. Request-path callers resolve it once per
     * cached verdict; a known topic costs one map lookup and allocates nothing.
     */
    public static TopicMeters topic(String topic) {
        TopicMeters meters = TOPICS.get(topic);
        if (meters != null) {
            return meters;
        }
        if (OTHER_TOPIC.equals(topic) || TOPICS.size() >= maxTopics) {
            return OTHER;
        }
        // A race may admit a few more than the bound; the bound is about orders of magnitude.
        return TOPICS.computeIfAbsent(topic, TopicMeters::new);
    }

    /**
     * Set the bound on distinct topic tags. JVM-wide, like the meters: the latest configured
     * authorizer's value applies (a combined node's broker and controller read the same file).
     * Lowering it keeps the tags already in use; only new topics go to {@value #OTHER_TOPIC}.
     */
    public static void maxTopics(int max) {
        maxTopics = max;
    }

    public static int maxTopics() {
        return maxTopics;
    }

    public static void evaluationError(String policy) {
        named(EVALUATION_ERRORS, "policy conditions that failed to evaluate", "policy", policy).increment();
    }

    public static void cacheHit() {
        HITS.increment();
    }

    public static void cacheMiss() {
        MISSES.increment();
    }

    public static void policyReload(boolean success) {
        named(POLICY_RELOADS, "policy file changes loaded or refused", "result", success ? "success" : "failure")
                .increment();
    }

    private static LongAdder named(String name, String description, String... tags) {
        String key = name + '|' + String.join("|", tags);
        LongAdder count = NAMED.get(key);
        return count != null ? count : NAMED.computeIfAbsent(key, k -> counter(name, description, tags));
    }

    private static synchronized LongAdder register(AtomicReferenceArray<LongAdder> slots, int index, String name,
                                                   String description, String... tags) {
        LongAdder count = slots.get(index);
        if (count == null) {
            count = counter(name, description, tags);
            slots.set(index, count);
        }
        return count;
    }

    static LongAdder counter(String name, String description, String... tags) {
        // Each id is registered once (callers hold the adder in a static slot), and the static
        // slot keeps the adder reachable: Micrometer holds function-counter state weakly.
        LongAdder count = new LongAdder();
        FunctionCounter.builder(name, count, LongAdder::sum).description(description).tags(tags).register(REGISTRY);
        return count;
    }

    private static void gauge(String name, String description, ToDoubleFunction<Set<Source>> value) {
        Gauge.builder(name, SOURCES, value).description(description).register(REGISTRY);
    }

    private static long sum(Set<Source> sources, ToLongFunction<Source> value) {
        synchronized (sources) {
            return sources.stream().mapToLong(value).sum();
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
