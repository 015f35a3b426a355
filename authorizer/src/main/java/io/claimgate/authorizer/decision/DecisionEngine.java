package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.acl.AclIndex;
import io.claimgate.authorizer.acl.AclMatch;
import io.claimgate.policy.Effect;
import io.claimgate.policy.Rule;
import java.util.List;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Decides one action on one named resource, in docs/POLICY.md's order (super users and a requester
 * named {@code User:*} are handled before):
 * <ol>
 *   <li>a matching policy deny rule: denied;</li>
 *   <li>a matching Kafka DENY ACL for the user, {@code User:*}, or one of its groups: denied;</li>
 *   <li>a matching policy allow rule: allowed;</li>
 *   <li>a matching Kafka ALLOW ACL for those principals: allowed;</li>
 *   <li>otherwise denied, unless {@code allow.everyone.if.no.acl.found=true} and neither an ACL
 *       (for anyone) nor a policy rule with fixed names names the resource.</li>
 * </ol>
 * A condition that fails to evaluate never allows: a failed allow rule is skipped, a failed deny
 * rule denies. Stateless; all state is in the immutable indexes and the {@link Subject}.
 */
final class DecisionEngine {
    static final String NO_ACL_FOUND = "no ACL or policy rule names the resource and allow.everyone.if.no.acl.found=true";

    private static final Decision NO_RULE = Decision.deny(Decision.NO_RULE_MATCHED, true);
    private static final Decision NO_ACL = Decision.allow(NO_ACL_FOUND);

    private final boolean allowEveryoneIfNoAcl;

    DecisionEngine(boolean allowEveryoneIfNoAcl) {
        this.allowEveryoneIfNoAcl = allowEveryoneIfNoAcl;
    }

    Decision decide(Subject subject, AclIndex acls, AclOperation op, ResourceType type, String name) {
        RuleIndex rules = subject.rules();
        List<Rule> candidates = rules.candidates(type, name);
        for (Rule rule : candidates) {
            if (rule.effect() == Effect.DENY && rule.covers(op)) {
                Check check = subject.matches(rule, name);
                if (check.yes()) {
                    return Decision.deny(rule, true);
                }
                if (check.failed()) {
                    return Decision.deny(rule, check.error() + "; denied to fail closed", false);
                }
            }
        }
        AclMatch acl = acls.match(type, name, subject.aclPrincipals(), subject.host(), op);
        if (acl.deny() != null) {
            return Decision.deny(acl.deny(), true);
        }
        boolean skippedOnError = false;
        for (Rule rule : candidates) {
            if (rule.effect() == Effect.ALLOW && rule.covers(op)) {
                Check check = subject.matches(rule, name);
                if (check.yes()) {
                    return Decision.allow(rule);
                }
                skippedOnError |= check.failed();
            }
        }
        if (acl.allow() != null) {
            return Decision.allow(acl.allow());
        }
        if (allowEveryoneIfNoAcl && !acl.resourceHasAcls() && !rules.namesResource(type, name)) {
            return NO_ACL;
        }
        return skippedOnError ? Decision.deny(Decision.NO_RULE_MATCHED, "an allow rule failed to evaluate", false)
                : NO_RULE;
    }
}
