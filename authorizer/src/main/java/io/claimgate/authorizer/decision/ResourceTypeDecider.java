package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.acl.AclEntry;
import io.claimgate.authorizer.acl.AclIndex;
import io.claimgate.policy.Effect;
import io.claimgate.policy.NamePattern;
import io.claimgate.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code authorizeByResourceType}: may the requester perform {@code op} on at least one resource
 * of a type (Kafka asks this e.g. for idempotent producers without IDEMPOTENT_WRITE on the
 * cluster)? Same semantics as Kafka's default implementation in {@code Authorizer}: only grants
 * for exactly {@code op} or ALL count, a deny on {@code *} denies, and an allow counts unless a
 * deny covers every name it covers. Unlike that default, which iterates over every ACL of the
 * cluster, only the requester's own ACLs (found by principal in the index) and the rules of this
 * resource type are looked at, and the result is cached like any decision.
 */
final class ResourceTypeDecider {

    Decision decide(Subject subject, AclIndex acls, AclOperation op, ResourceType type) {
        List<NamePattern> denies = new ArrayList<>();
        List<Grant> allows = new ArrayList<>();
        boolean evaluationFailed = false;
        for (Rule rule : subject.rules().rulesOf(type)) {
            if (!rule.coversExactly(op)) {
                continue;
            }
            Check applies = subject.applies(subject.rules().policy(rule));
            evaluationFailed |= applies.failed();
            if (applies.failed() && rule.effect() == Effect.DENY) {
                denies.add(NamePattern.any());   // fail closed
            } else if (applies.yes()) {
                List<NamePattern> names = patterns(subject, rule);
                if (names == null) {
                    evaluationFailed = true;
                    if (rule.effect() == Effect.DENY) {
                        denies.add(NamePattern.any());
                    }
                } else if (rule.effect() == Effect.DENY) {
                    denies.addAll(names);
                } else {
                    names.forEach(p -> allows.add(new Grant(p, rule)));
                }
            }
        }
        for (AclEntry acl : acls.entriesFor(type, subject.aclPrincipals())) {
            if (!acl.hostMatches(subject.host()) || (acl.operation() != op && acl.operation() != AclOperation.ALL)) {
                continue;
            }
            if (acl.permission() == AclPermissionType.DENY) {
                denies.add(acl.namePattern());
            } else if (acl.permission() == AclPermissionType.ALLOW) {
                allows.add(new Grant(acl.namePattern(), acl));
            }
        }
        for (NamePattern deny : denies) {
            if (deny.covers(NamePattern.any())) {
                return Decision.deny("a deny covers every " + type + " name", !evaluationFailed);
            }
        }
        for (Grant allow : allows) {
            if (denies.stream().noneMatch(deny -> deny.covers(allow.pattern))) {
                return new Decision(true, allow.decidedBy, "allows some " + type, true);
            }
        }
        return Decision.deny("no " + op + " grant on any " + type + " that no deny overrides", !evaluationFailed);
    }

    /** A rule's names for this subject, or null if its names_from failed. */
    private static List<NamePattern> patterns(Subject subject, Rule rule) {
        if (rule.names().isPresent()) {
            return rule.names().get().patterns();
        }
        Subject.Names names = subject.namesFrom(rule);
        return names.failed() ? null : names.patterns().patterns();
    }

    private record Grant(NamePattern pattern, Object decidedBy) {
    }
}
