package io.claimgate.rest;

import java.util.Objects;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What an access table ({@link ConnectAccess}, {@link RestProxyAccess}) says a REST request needs:
 * for {@link Kind#CHECK}, one operation on one Kafka resource, decided by the policy file exactly as
 * the broker decides a Kafka request on that resource.
 *
 * @param kind         how the request is to be handled
 * @param resourceType CLUSTER, TOPIC or GROUP for {@link Kind#CHECK}, else null
 * @param resourceName the resource's name (decoded from the path; {@value #CLUSTER_NAME} for the
 *                     cluster), else null
 * @param operation    the operation to check, else null
 */
record RestAccess(Kind kind, ResourceType resourceType, String resourceName, AclOperation operation) {
    /** The name Kafka gives the cluster resource; policies may omit it ({@code resource: cluster}). */
    static final String CLUSTER_NAME = "kafka-cluster";

    /** How a request is to be handled. */
    enum Kind {
        /** Check {@link #operation()} on {@link #resource()}. */
        CHECK,
        /**
         * Connect's worker-to-worker call signed with its session key; Connect itself verifies the
         * signature (distributed mode, {@code connect.protocol=sessioned}, the default).
         */
        INTERNAL,
        /** Not a known endpoint, or one the table refuses to decide: denied. */
        UNMAPPED
    }

    static final RestAccess UNMAPPED = new RestAccess(Kind.UNMAPPED, null, null, null);
    static final RestAccess INTERNAL = new RestAccess(Kind.INTERNAL, null, null, null);

    RestAccess {
        if (kind == Kind.CHECK) {
            Objects.requireNonNull(resourceType, "resourceType");
            Objects.requireNonNull(resourceName, "resourceName");
            Objects.requireNonNull(operation, "operation");
        }
    }

    /** {@code operation} on the cluster (every Connect request is one of these). */
    static RestAccess check(AclOperation operation) {
        return new RestAccess(Kind.CHECK, ResourceType.CLUSTER, CLUSTER_NAME, operation);
    }

    static RestAccess topic(String name, AclOperation operation) {
        return new RestAccess(Kind.CHECK, ResourceType.TOPIC, name, operation);
    }

    static RestAccess group(String name, AclOperation operation) {
        return new RestAccess(Kind.CHECK, ResourceType.GROUP, name, operation);
    }

    /** The resource as the authorizer sees it: a literal pattern, as in a Kafka request's action. */
    ResourcePattern resource() {
        return new ResourcePattern(resourceType, resourceName, PatternType.LITERAL);
    }

    @Override
    public String toString() {
        return kind == Kind.CHECK ? operation + " on " + resourceType + " '" + resourceName + "'" : kind.toString();
    }
}
