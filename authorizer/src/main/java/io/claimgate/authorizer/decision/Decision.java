package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.acl.AclEntry;
import io.claimgate.policy.Rule;

/**
 * A decision and what took it. The reason text is only built when someone reads it (the log), so
 * deciding allocates no strings.
 *
 * @param allowed   the outcome under {@code enforce}
 * @param decidedBy the deciding {@link Rule} or {@link AclEntry}, or a text saying why none decided
 * @param detail    more about it (e.g. an evaluation error), or null
 * @param cacheable false when an evaluation error may have shaped the outcome: such decisions are
 *                  recomputed every time, so that errors are counted and a fixed claim or policy
 *                  takes effect at once
 */
public record Decision(boolean allowed, Object decidedBy, String detail, boolean cacheable) {
    static final String NO_RULE_MATCHED = "no rule matched";

    static Decision allow(Object decidedBy) {
        return new Decision(true, decidedBy, null, true);
    }

    static Decision deny(Object decidedBy, boolean cacheable) {
        return new Decision(false, decidedBy, null, cacheable);
    }

    static Decision deny(Object decidedBy, String detail, boolean cacheable) {
        return new Decision(false, decidedBy, detail, cacheable);
    }

    /** The deciding policy rule or ACL, or why none decided; goes into the log. */
    public String reason() {
        String base;
        if (decidedBy instanceof Rule rule) {
            base = rule.describe();
        } else if (decidedBy instanceof AclEntry acl) {
            base = acl.describe();
        } else {
            base = String.valueOf(decidedBy);
        }
        return detail == null ? base : base + ": " + detail;
    }
}
