package io.claimgate.authorizer.decision;

import java.util.Objects;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Decision-cache key: requester, operation, resource, and the versions of the ACL index and the
 * rule index the decision was computed from. The versions make every entry computed before an
 * ACL change or a policy reload unreachable at once, even one being written concurrently with the
 * change; the cache is also cleared on those events, only to free the memory sooner.
 *
 * @param name the literal resource name, or null for a by-resource-type question
 */
record DecisionKey(SubjectKey subject, AclOperation operation, ResourceType resourceType, String name,
                   long aclVersion, long ruleVersion) {

    @Override
    public int hashCode() {
        int h = subject.hashCode();
        h = 31 * h + operation.hashCode();
        h = 31 * h + resourceType.hashCode();
        h = 31 * h + Objects.hashCode(name);
        h = 31 * h + Long.hashCode(aclVersion);
        return 31 * h + Long.hashCode(ruleVersion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionKey k && k.operation == operation && k.resourceType == resourceType
                && k.aclVersion == aclVersion && k.ruleVersion == ruleVersion && Objects.equals(k.name, name)
                && k.subject.equals(subject);
    }
}
