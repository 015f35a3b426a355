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
 * <p>Built for every request, so cheap to hash and compare: the hash is computed once, from enum
 * ordinals (stable, unlike identity hashes, and free) and the requester's precomputed hash; the
 * requester is compared last, and is usually the same canonical instance ({@link SubjectKeys}).
 * Immutable.
 */
final class DecisionKey {
    private final SubjectKey subject;
    private final AclOperation operation;
    private final ResourceType resourceType;
    private final String name;   // the literal resource name, or null for a by-resource-type question
    private final long aclVersion;
    private final long ruleVersion;
    private final int hash;

    DecisionKey(SubjectKey subject, AclOperation operation, ResourceType resourceType, String name,
                long aclVersion, long ruleVersion) {
        this.subject = subject;
        this.operation = operation;
        this.resourceType = resourceType;
        this.name = name;
        this.aclVersion = aclVersion;
        this.ruleVersion = ruleVersion;
        int h = subject.hashCode();
        h = 31 * h + operation.ordinal();
        h = 31 * h + resourceType.ordinal();
        h = 31 * h + Objects.hashCode(name);
        h = 31 * h + Long.hashCode(aclVersion);
        this.hash = 31 * h + Long.hashCode(ruleVersion);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionKey k && k.hash == hash && k.operation == operation
                && k.resourceType == resourceType && k.aclVersion == aclVersion && k.ruleVersion == ruleVersion
                && Objects.equals(k.name, name) && (k.subject == subject || k.subject.equals(subject));
    }

    @Override
    public String toString() {
        return subject + " " + operation + " " + resourceType + ":" + name;
    }
}
