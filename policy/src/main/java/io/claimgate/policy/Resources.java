package io.claimgate.policy;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.resource.ResourceType;

/** The resource types a policy rule may name (docs/POLICY.md), and their policy-file spelling. */
public final class Resources {
    private static final Map<String, ResourceType> BY_NAME = Map.of(
            "topic", ResourceType.TOPIC,
            "group", ResourceType.GROUP,
            "transactional_id", ResourceType.TRANSACTIONAL_ID,
            "cluster", ResourceType.CLUSTER);

    private Resources() {
    }

    public static Map<String, ResourceType> byName() {
        return BY_NAME;
    }

    public static String yamlName(ResourceType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
