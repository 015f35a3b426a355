package io.claimgate.authorizer.kafka;

import io.claimgate.authorizer.acl.AclEntry;
import org.apache.kafka.metadata.authorizer.StandardAcl;

/**
 * Kafka's {@link StandardAcl} (kafka-metadata, not a public API), as the metadata hooks hand it to
 * {@code ClaimAuthorizer}, turned into claimgate's own {@link AclEntry} at once, so nothing past the
 * hooks sees a Kafka internal type.
 */
public final class StandardAcls {
    private StandardAcls() {
    }

    public static AclEntry entry(StandardAcl acl) {
        return new AclEntry(acl.resourceType(), acl.resourceName(), acl.patternType(), acl.principal(), acl.host(),
                acl.operation(), acl.permissionType());
    }
}
