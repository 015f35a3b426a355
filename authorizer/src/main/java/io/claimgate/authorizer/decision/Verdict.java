package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.config.AuthorizerMode;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * A {@link Decision} on one (operation, resource type, name) with what telling Kafka about it
 * involves, worked out once: the result after the authorizer's mode, and the counters it adds to
 * ({@link AuthorizerMetrics}). The decision cache holds verdicts, so a hit counts with one add
 * instead of looking its counters up again.
 *
 * <p>Thread-safe: immutable except for the per-topic denial counter, which is only resolved at the
 * first denial Kafka asked to be counted (resolving registers the topic's tag) and published through
 * a volatile field; two threads resolving it at once get the same counter.
 */
final class Verdict {
    enum Kind { ALLOWED, DENIED, AUDIT_ALLOWED }

    private final Decision decision;
    private final Kind kind;
    private final LongAdder decisions;     // authorizer.decisions for what Kafka is told
    private final LongAdder wouldDeny;     // authorizer.audit.would.deny; null unless AUDIT_ALLOWED
    private final String topic;            // the denied topic, or null: denials of other resources are not counted per name
    private volatile LongAdder topicDenials;

    private Verdict(Decision decision, Kind kind, LongAdder decisions, LongAdder wouldDeny, String topic) {
        this.decision = decision;
        this.kind = kind;
        this.decisions = decisions;
        this.wouldDeny = wouldDeny;
        this.topic = topic;
    }

    /** @param name the resource name the decision is about (null for a by-resource-type question) */
    static Verdict of(Decision decision, AuthorizerMode mode, AclOperation op, ResourceType type, String name) {
        if (decision.allowed()) {
            return new Verdict(decision, Kind.ALLOWED, AuthorizerMetrics.decisionCounter(true, op, type), null, null);
        }
        String topic = type == ResourceType.TOPIC ? name : null;
        if (mode == AuthorizerMode.AUDIT) {
            return new Verdict(decision, Kind.AUDIT_ALLOWED, AuthorizerMetrics.decisionCounter(true, op, type),
                    AuthorizerMetrics.auditWouldDenyCounter(op, type), topic);
        }
        return new Verdict(decision, Kind.DENIED, AuthorizerMetrics.decisionCounter(false, op, type), null, topic);
    }

    Decision decision() {
        return decision;
    }

    Kind kind() {
        return kind;
    }

    boolean cacheable() {
        return decision.cacheable();
    }

    /**
     * Count one telling of this verdict.
     *
     * @param explicit Kafka's {@code logIfDenied}: the request named the resource (not metadata filtering)
     */
    AuthorizationResult count(boolean explicit) {
        decisions.increment();
        if (kind == Kind.ALLOWED) {
            return AuthorizationResult.ALLOWED;
        }
        if (topic != null && explicit) {
            LongAdder perTopic = topicDenials;
            if (perTopic == null) {
                perTopic = AuthorizerMetrics.topicDenialCounter(topic);
                topicDenials = perTopic;
            }
            perTopic.increment();
        }
        if (kind == Kind.AUDIT_ALLOWED) {
            wouldDeny.increment();
            return AuthorizationResult.ALLOWED;
        }
        return AuthorizationResult.DENIED;
    }
}
