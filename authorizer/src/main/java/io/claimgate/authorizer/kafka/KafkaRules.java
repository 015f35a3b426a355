package io.claimgate.authorizer.kafka;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * Kafka's own rules the authorizer must apply exactly as Kafka's StandardAuthorizer does, read
 * from kafka-clients classes outside its public API ({@code SecurityUtils}, {@code ApiKeys}).
 * Listed in docs/KAFKA-COMPATIBILITY.md; checked on every supported release by
 * {@code AuthorizerBoundaryContract} (test sources).
 */
public final class KafkaRules {
    private KafkaRules() {
    }

    /**
     * A {@code super.users} entry ({@code Type:name}) parsed as Kafka parses it; Kafka's
     * {@code IllegalArgumentException} for an entry without a type is passed on.
     */
    public static KafkaPrincipal parsePrincipal(String entry) {
        return SecurityUtils.parseKafkaPrincipal(entry);
    }

    /**
     * Refuses what Kafka's {@code authorizeByResourceType} refuses ({@code ANY} or {@code UNKNOWN}
     * operation or resource type) with the same {@code IllegalArgumentException}.
     */
    public static void checkResourceTypeArguments(AclOperation operation, ResourceType type) {
        SecurityUtils.authorizeByResourceTypeCheckArgs(operation, type);
    }

    /** The name of the request with API key {@code apiKey} ({@code Produce}, {@code Fetch}, ...), or "request N" if this Kafka does not know it. */
    public static String requestName(int apiKey) {
        try {
            return ApiKeys.forId(apiKey).name;
        } catch (IllegalArgumentException e) {
            return "request " + apiKey;
        }
    }
}
