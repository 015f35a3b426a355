package io.claimgate.authorizer.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.acl.AclOperation;

/**
 * The per-topic counters of one {@code topic} tag value (a topic's name, or the overflow value
 * {@value AuthorizerMetrics#OTHER_TOPIC}): {@value AuthorizerMetrics#TOPIC_DECISIONS} by result and
 * operation, and {@value AuthorizerMetrics#TOPIC_DENIALS}. Each counter is registered the first time
 * it is asked for, so a topic only ever read shows no write series.
 */
public final class TopicMeters {
    private static final int OPS = AclOperation.values().length;

    private final AuthorizerMetrics metrics;
    private final String tag;
    private final AtomicReferenceArray<LongAdder> decisions = new AtomicReferenceArray<>(2 * OPS);
    private volatile LongAdder denials;

    TopicMeters(AuthorizerMetrics metrics, String tag) {
        this.metrics = metrics;
        this.tag = tag;
    }

    /** The {@value AuthorizerMetrics#TOPIC_DECISIONS} counter of a result and operation on this topic. */
    public LongAdder decisions(boolean allowed, AclOperation op) {
        int index = (allowed ? OPS : 0) + op.ordinal();
        LongAdder count = decisions.get(index);
        return count != null ? count : registerDecisions(index, allowed, op);
    }

    /** The {@value AuthorizerMetrics#TOPIC_DENIALS} counter of this topic. */
    public LongAdder denials() {
        LongAdder count = denials;
        return count != null ? count : registerDenials();
    }

    private synchronized LongAdder registerDecisions(int index, boolean allowed, AclOperation op) {
        LongAdder count = decisions.get(index);
        if (count == null) {
            count = metrics.counter(AuthorizerMetrics.TOPIC_DECISIONS,
                    "authorization decisions per topic, operation and result", "topic", tag,
                    "operation", op.name().toLowerCase(Locale.ROOT), "result", allowed ? "allowed" : "denied");
            decisions.set(index, count);
        }
        return count;
    }

    private synchronized LongAdder registerDenials() {
        LongAdder count = denials;
        if (count == null) {
            count = metrics.counter(AuthorizerMetrics.TOPIC_DENIALS,
                    "denied (or, in audit mode, would-be denied) requests per topic", "topic", tag);
            denials = count;
        }
        return count;
    }
}
