package io.claimgate.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;

/**
 * Kafka's operation semantics, shared by policy rules and ACLs: in an ALLOW, READ, WRITE, DELETE
 * and ALTER imply DESCRIBE and ALTER_CONFIGS implies DESCRIBE_CONFIGS; a DENY covers exactly its
 * operation; ALL covers everything in both. (Kafka's StandardAuthorizerData.findResult.)
 */
public final class Operations {
    private static final Set<AclOperation> IMPLIES_DESCRIBE = Collections.unmodifiableSet(EnumSet.of(
            AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER));
    private static final Set<AclOperation> IMPLIES_DESCRIBE_CONFIGS = Collections.unmodifiableSet(EnumSet.of(
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS));

    /** Policy-file names: AclOperation names in lower case, without the filter-only ANY and UNKNOWN. */
    private static final Map<String, AclOperation> BY_NAME = buildByName();

    private Operations() {
    }

    public static Map<String, AclOperation> byName() {
        return BY_NAME;
    }

    private static Map<String, AclOperation> buildByName() {
        Map<String, AclOperation> names = new LinkedHashMap<>();
        for (AclOperation op : AclOperation.values()) {
            if (op != AclOperation.ANY && op != AclOperation.UNKNOWN) {
                names.put(op.name().toLowerCase(Locale.ROOT), op);
            }
        }
        return Collections.unmodifiableMap(names);
    }

    /** Whether an ALLOW for {@code granted} allows {@code requested}. */
    public static boolean allowCovers(AclOperation granted, AclOperation requested) {
        if (granted == AclOperation.ALL || granted == requested) {
            return true;
        }
        switch (requested) {
            case DESCRIBE:
                return IMPLIES_DESCRIBE.contains(granted);
            case DESCRIBE_CONFIGS:
                return IMPLIES_DESCRIBE_CONFIGS.contains(granted);
            default:
                return false;
        }
    }

    /** Whether a DENY for {@code denied} denies {@code requested}. */
    public static boolean denyCovers(AclOperation denied, AclOperation requested) {
        return denied == AclOperation.ALL || denied == requested;
    }

    /** Every operation an allow for {@code granted} allows, implied ones included. */
    public static EnumSet<AclOperation> allowedBy(Set<AclOperation> granted) {
        EnumSet<AclOperation> out = EnumSet.noneOf(AclOperation.class);
        for (AclOperation requested : AclOperation.values()) {
            for (AclOperation g : granted) {
                if (allowCovers(g, requested)) {
                    out.add(requested);
                }
            }
        }
        return out;
    }

    /** Every operation a deny for {@code denied} denies. */
    public static EnumSet<AclOperation> deniedBy(Set<AclOperation> denied) {
        EnumSet<AclOperation> out = EnumSet.noneOf(AclOperation.class);
        for (AclOperation requested : AclOperation.values()) {
            for (AclOperation d : denied) {
                if (denyCovers(d, requested)) {
                    out.add(requested);
                }
            }
        }
        return out;
    }
}
