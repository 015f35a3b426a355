package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.config.AuthorizerMode;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.authorizer.metrics.TopicMeters;
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
 * <p>Thread-safe: immutable except for the per-topic counters, which are resolved at the first
 * telling (resolving may register the topic's tag) and published through a volatile field; two
 * threads resolving them at once get the same counters. Later tellings allocate nothing.
 */
final class Verdict {
    enum Kind { ALLOWED, DENIED, AUDIT_ALLOWED }

    private final Decision decision;
    private final Kind kind;
    private final LongAdder decisions;     // authorizer.decisions for what Kafka is told
    private final LongAdder wouldDeny;     // authorizer.audit.would.deny; null unless AUDIT_ALLOWED
    private final AclOperation op;
    private final AuthorizerMetrics metrics;
    private final String topic;            // the topic decided on, or null: other resources are not counted per name
    private volatile TopicMeters topicMeters;
    private volatile LongAdder topicDecisions;   // authorizer.topic.decisions, resolved with topicMeters

    private Verdict(Decision decision, Kind kind, LongAdder decisions, LongAdder wouldDeny, AclOperation op,
                    String topic, AuthorizerMetrics metrics) {
        this.metrics = metrics;
        this.decision = decision;
        this.kind = kind;
        this.decisions = decisions;
        this.wouldDeny = wouldDeny;
        this.op = op;
        this.topic = topic;
    }

    /** @param name the resource name the decision is about (null for a by-resource-type question) */
    static Verdict of(Decision decision, AuthorizerMode mode, AclOperation op, ResourceType type, String name,
                      AuthorizerMetrics metrics) {
        String topic = type == ResourceType.TOPIC ? name : null;
        if (decision.allowed()) {
            return new Verdict(decision, Kind.ALLOWED, metrics.decisionCounter(true, op, type), null, op, topic,
                    metrics);
        }
        if (mode == AuthorizerMode.AUDIT) {
            return new Verdict(decision, Kind.AUDIT_ALLOWED, metrics.decisionCounter(true, op, type),
                    metrics.auditWouldDenyCounter(op, type), op, topic, metrics);
        }
        return new Verdict(decision, Kind.DENIED, metrics.decisionCounter(false, op, type), null, op, topic,
                metrics);
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
        TopicMeters meters = topic == null ? null : topicMeters();
        if (meters != null) {
            topicDecisions.increment();
        }
        if (kind == Kind.ALLOWED) {
            return AuthorizationResult.ALLOWED;
        }
        if (meters != null && explicit) {
            meters.denials().increment();
        }
        if (kind == Kind.AUDIT_ALLOWED) {
            wouldDeny.increment();
            return AuthorizationResult.ALLOWED;
        }
        return AuthorizationResult.DENIED;
    }

    private TopicMeters topicMeters() {
        TopicMeters meters = topicMeters;
        if (meters == null) {
            meters = metrics.topic(topic);
            topicDecisions = meters.decisions(kind != Kind.DENIED, op);   // what Kafka is told, as decisions
            topicMeters = meters;   // published after topicDecisions: a reader that sees it sees both
        }
        return meters;
    }
}
