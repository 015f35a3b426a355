package io.claimgate.authorizer.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import io.claimgate.authorizer.kafka.KafkaRules;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Kafka's {@code super.users}: a semicolon-separated list of {@code Type:name} principals that are
 * allowed everything. Parsed with the same rules as Kafka's StandardAuthorizer (split on
 * {@code ;}, trim, skip empty entries, each must parse as a principal), and matched like Kafka:
 * by principal type and name only, never by group.
 */
public final class SuperUsers {
    private static final SuperUsers NONE = new SuperUsers(Map.of());

    /** type -> names; looked up on every request, so no string is built per check. */
    private final Map<String, Set<String>> namesByType;

    private SuperUsers(Map<String, Set<String>> namesByType) {
        this.namesByType = namesByType;
    }

    public static SuperUsers parse(Object configured) {
        if (configured == null || configured.toString().isBlank()) {
            return NONE;
        }
        Map<String, Set<String>> byType = new HashMap<>();
        for (String entry : configured.toString().split(";")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                KafkaPrincipal principal = KafkaRules.parsePrincipal(trimmed);
                byType.computeIfAbsent(principal.getPrincipalType(), t -> new HashSet<>()).add(principal.getName());
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        byType.forEach((type, names) -> frozen.put(type, Set.copyOf(names)));
        return new SuperUsers(Map.copyOf(frozen));
    }

    public boolean contains(KafkaPrincipal principal) {
        Set<String> names = namesByType.get(principal.getPrincipalType());
        return names != null && names.contains(principal.getName());
    }

    public boolean isEmpty() {
        return namesByType.isEmpty();
    }
}
