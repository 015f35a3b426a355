package io.claimgate.authorizer.acl;

import io.claimgate.policy.NamePattern;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One Kafka ACL as claimgate indexes it, built only from kafka-clients types so that nothing but
 * {@code ClaimAuthorizer} depends on Kafka's internal {@code StandardAcl}.
 *
 * @param principal {@code Type:name} as stored by Kafka, e.g. {@code User:alice}, {@code User:*}, {@code Group:ops}
 * @param host      {@code *} or one IP address, compared with the client's address like Kafka does
 */
public record AclEntry(ResourceType resourceType, String name, PatternType patternType, String principal,
                       String host, AclOperation operation, AclPermissionType permission) {

    public static final String ANY_HOST = "*";

    public boolean isWildcardName() {
        return patternType == PatternType.LITERAL && ResourcePattern.WILDCARD_RESOURCE.equals(name);
    }

    /** The name as a pattern: LITERAL {@code *} matches all, LITERAL one name, PREFIXED a prefix. */
    public NamePattern namePattern() {
        if (isWildcardName()) {
            return NamePattern.any();
        }
        return patternType == PatternType.PREFIXED ? NamePattern.prefix(name) : NamePattern.exact(name);
    }

    public boolean hostMatches(String clientHost) {
        return ANY_HOST.equals(host) || host.equals(clientHost);
    }

    /** {@code ACL Group:ops DENY WRITE on TOPIC:PREFIXED:audit- from host *} */
    public String describe() {
        return "ACL " + principal + " " + permission + " " + operation + " on " + resourceType + ":" + patternType
                + ":" + name + " from host " + host;
    }
}
