package io.claimgate.authorizer.metrics;

import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.common.metrics.AdderCounters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
 * The authorizer's meters on one registry (in a broker, claimgate's registry, JMX domain
 * {@code claimgate}). One instance per registry ({@link #on}), passed to everything that counts:
 * a combined-mode node runs an authorizer for its broker and one for its controller, and their
 * numbers add up in one place, as a meter id registers once per registry.
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
 * The {@code topic} tag takes at most {@link #maxTopics()} distinct topic names (per registry,
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

    private static final int OPS = AclOperation.values().length;
    private static final int TYPES = ResourceType.values().length;
    /** Weak keys: a registry that is gone takes its meters with it. */
    private static final Map<MeterRegistry, AuthorizerMetrics> BY_REGISTRY = new WeakHashMap<>();

    private final MeterRegistry registry;
    private final AtomicReferenceArray<LongAdder> decisionCounts = new AtomicReferenceArray<>(2 * OPS * TYPES);
    private final AtomicReferenceArray<LongAdder> auditCounts = new AtomicReferenceArray<>(OPS * TYPES);
    private final Map<String, LongAdder> named = new ConcurrentHashMap<>();
    private final Map<String, TopicMeters> topics = new ConcurrentHashMap<>();
    private final TopicMeters other;
    private volatile int maxTopics = AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS;
    private final LongAdder hits;
    private final LongAdder misses;
    private final Set<Source> sources = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private AuthorizerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.other = new TopicMeters(this, OTHER_TOPIC);
        this.hits = counter(CACHE_HITS, "decision-cache hits");
        this.misses = counter(CACHE_MISSES, "decision-cache misses");
        gauge(CACHE_SIZE, "decision-cache entries", set -> sum(set, Source::cacheSize));
        gauge(POLICY_LAST_RELOAD_FAILED, "1 if the latest policy file change could not be loaded",
                set -> sum(set, s -> s.lastReloadFailed() ? 1 : 0) > 0 ? 1 : 0);
        Gauge.builder(CACHE_HIT_RATIO, this, m -> {
            double hitCount = m.hits.sum();
            double total = hitCount + m.misses.sum();
            return total == 0 ? 0 : hitCount / total;
        }).description("decision-cache hits / lookups since start").strongReference(true).register(registry);
    }

    /** The authorizer meters on {@code registry}: the same instance for every authorizer that uses it. */
    public static AuthorizerMetrics on(MeterRegistry registry) {
        synchronized (BY_REGISTRY) {
            return BY_REGISTRY.computeIfAbsent(registry, AuthorizerMetrics::new);
        }
    }

    /** Include an authorizer in the gauges while it is alive (weakly held; also removed by {@link #unregister}). */
    public void register(Source source) {
        sources.add(source);
    }

    public void unregister(Source source) {
        sources.remove(source);
    }

    /**
     * The {@value #DECISIONS} counter of one outcome. Callers on the request path resolve it once and
     * keep it (the decision cache holds it with the decision), so counting a decision is one add.
     */
    public LongAdder decisionCounter(boolean allowed, AclOperation op, ResourceType type) {
        int index = ((allowed ? 1 : 0) * OPS + op.ordinal()) * TYPES + type.ordinal();
        LongAdder count = decisionCounts.get(index);
        return count != null ? count : register(decisionCounts, index, DECISIONS, "authorization decisions",
                "result", allowed ? "allowed" : "denied", "operation", lower(op), "resource_type", lower(type));
    }

    /** The {@value #AUDIT_WOULD_DENY} counter of an operation and resource type; resolve once, as above. */
    public LongAdder auditWouldDenyCounter(AclOperation op, ResourceType type) {
        int index = op.ordinal() * TYPES + type.ordinal();
        LongAdder count = auditCounts.get(index);
        return count != null ? count : register(auditCounts, index, AUDIT_WOULD_DENY,
                "decisions allowed only because of audit mode", "operation", lower(op), "resource_type", lower(type));
    }

    /**
     * The per-topic counters of a topic: its own while fewer than {@link #maxTopics()} topics have
     * them (or it already has), else {@value #OTHER_TOPIC}'s. Request-path callers resolve it once per
     * cached verdict; a known topic costs one map lookup and allocates nothing.
     */
    public TopicMeters topic(String topic) {
        TopicMeters meters = topics.get(topic);
        if (meters != null) {
            return meters;
        }
        if (OTHER_TOPIC.equals(topic) || topics.size() >= maxTopics) {
            return other;
        }
        // A race may admit a few more than the bound; the bound is about orders of magnitude.
        return topics.computeIfAbsent(topic, name -> new TopicMeters(this, name));
    }

    /**
     * Set the bound on distinct topic tags. Per registry, like the meters: the latest configured
     * authorizer's value applies (a combined node's broker and controller read the same file).
     * Lowering it keeps the tags already in use; only new topics go to {@value #OTHER_TOPIC}.
     */
    public void maxTopics(int max) {
        maxTopics = max;
    }

    public int maxTopics() {
        return maxTopics;
    }

    public void evaluationError(String policy) {
        named(EVALUATION_ERRORS, "policy conditions that failed to evaluate", "policy", policy).increment();
    }

    public void cacheHit() {
        hits.increment();
    }

    public void cacheMiss() {
        misses.increment();
    }

    /** A policy file change loaded or refused; a {@link io.claimgate.policy.reload.ReloadListener}. */
    public void policyReload(boolean success) {
        named(POLICY_RELOADS, "policy file changes loaded or refused", "result", success ? "success" : "failure")
                .increment();
    }

    private LongAdder named(String name, String description, String... tags) {
        String key = name + '|' + String.join("|", tags);
        LongAdder count = named.get(key);
        return count != null ? count : named.computeIfAbsent(key, k -> counter(name, description, tags));
    }

    private synchronized LongAdder register(AtomicReferenceArray<LongAdder> slots, int index, String name,
                                            String description, String... tags) {
        LongAdder count = slots.get(index);
        if (count == null) {
            count = counter(name, description, tags);
            slots.set(index, count);
        }
        return count;
    }

    LongAdder counter(String name, String description, String... tags) {
        return AdderCounters.counter(registry, name, description, Tags.of(tags));
    }

    private void gauge(String name, String description, ToDoubleFunction<Set<Source>> value) {
        Gauge.builder(name, sources, value).description(description).strongReference(true).register(registry);
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
