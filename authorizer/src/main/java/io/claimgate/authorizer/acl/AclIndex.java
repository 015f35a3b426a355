package io.claimgate.authorizer.acl;

import io.claimgate.policy.Operations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * An immutable index of all ACLs, built once per ACL change set and swapped in whole.
 *
 * <p>Layout: resource type, then the three ways an ACL can name a resource (literal name,
 * the {@code *} wildcard, prefixes grouped by length), then principal. A check therefore looks at
 * a handful of hash buckets (one per name form, one lookup per principal of the requester)
 * instead of at every ACL, whatever the total number of ACLs. The requester's principals are
 * {@code User:<name>}, {@code User:*} and {@code <groupType>:<group>} for each of its groups.
 */
public final class AclIndex {
    private static final AclEntry[] NO_ENTRIES = new AclEntry[0];

    private final long version;
    private final int size;
    private final Map<ResourceType, TypeAcls> byType;

    private AclIndex(long version, int size, Map<ResourceType, TypeAcls> byType) {
        this.version = version;
        this.size = size;
        this.byType = byType;
    }

    public static AclIndex empty(long version) {
        return new AclIndex(version, 0, Map.of());
    }

    public static AclIndex build(long version, Collection<AclEntry> entries) {
        Map<ResourceType, List<AclEntry>> grouped = new EnumMap<>(ResourceType.class);
        for (AclEntry entry : entries) {
            grouped.computeIfAbsent(entry.resourceType(), t -> new ArrayList<>()).add(entry);
        }
        Map<ResourceType, TypeAcls> byType = new EnumMap<>(ResourceType.class);
        grouped.forEach((type, list) -> byType.put(type, TypeAcls.build(list)));
        return new AclIndex(version, entries.size(), byType);
    }

    /** Changes with every ACL change; part of the decision-cache key. */
    public long version() {
        return version;
    }

    public int size() {
        return size;
    }

    /**
     * Kafka's ACL semantics: a matching DENY wins, else a matching ALLOW (with implied operations),
     * scanning the literal name, the wildcard and every prefix of the name.
     */
    public AclMatch match(ResourceType type, String name, List<String> principals, String host, AclOperation op) {
        TypeAcls acls = byType.get(type);
        if (acls == null) {
            return AclMatch.NONE;
        }
        Matcher matcher = new Matcher(principals, host, op);
        if (matcher.visit(acls.literal.get(name)) || matcher.visit(acls.wildcard)) {
            return matcher.result();
        }
        for (int length : acls.prefixLengths) {
            if (length > name.length()) {
                break;
            }
            if (matcher.visit(acls.prefixed.get(name.substring(0, length)))) {
                break;
            }
        }
        return matcher.result();
    }

    /** Every ACL of a resource type held by one of {@code principals}, for the by-resource-type check. */
    public List<AclEntry> entriesFor(ResourceType type, List<String> principals) {
        TypeAcls acls = byType.get(type);
        if (acls == null) {
            return List.of();
        }
        List<AclEntry> out = new ArrayList<>();
        for (String principal : principals) {
            out.addAll(acls.byPrincipal.getOrDefault(principal, List.of()));
        }
        return out;
    }

    /** Running state of one {@link #match}. */
    private static final class Matcher {
        private final List<String> principals;
        private final String host;
        private final AclOperation op;
        private AclEntry deny;
        private AclEntry allow;
        private boolean resourceHasAcls;

        Matcher(List<String> principals, String host, AclOperation op) {
            this.principals = principals;
            this.host = host;
            this.op = op;
        }

        /** @return true once a deny is found: nothing else can change the outcome */
        boolean visit(Bucket bucket) {
            if (bucket == null) {
                return false;
            }
            resourceHasAcls = true;
            for (String principal : principals) {
                for (AclEntry entry : bucket.byPrincipal.getOrDefault(principal, NO_ENTRIES)) {
                    if (!entry.hostMatches(host)) {
                        continue;
                    }
                    if (entry.permission() == AclPermissionType.DENY) {
                        if (Operations.denyCovers(entry.operation(), op)) {
                            deny = entry;
                            return true;
                        }
                    } else if (entry.permission() == AclPermissionType.ALLOW
                            && Operations.allowCovers(entry.operation(), op)) {
                        allow = entry;
                    }
                }
            }
            return false;
        }

        AclMatch result() {
            return deny == null && allow == null && !resourceHasAcls ? AclMatch.NONE
                    : new AclMatch(deny, allow, resourceHasAcls);
        }
    }

    /** The ACLs of one resource name form, by principal. */
    private record Bucket(Map<String, AclEntry[]> byPrincipal) {
        static Bucket of(List<AclEntry> entries) {
            Map<String, List<AclEntry>> grouped = new HashMap<>();
            for (AclEntry entry : entries) {
                grouped.computeIfAbsent(entry.principal(), p -> new ArrayList<>()).add(entry);
            }
            Map<String, AclEntry[]> out = new HashMap<>(grouped.size() * 2);
            grouped.forEach((principal, list) -> out.put(principal, list.toArray(NO_ENTRIES)));
            return new Bucket(Map.copyOf(out));
        }
    }

    /** All ACLs of one resource type. */
    private record TypeAcls(Map<String, Bucket> literal, Bucket wildcard, Map<String, Bucket> prefixed,
                            int[] prefixLengths, Map<String, List<AclEntry>> byPrincipal) {
        static TypeAcls build(List<AclEntry> entries) {
            Map<String, List<AclEntry>> literal = new HashMap<>();
            Map<String, List<AclEntry>> prefixed = new HashMap<>();
            List<AclEntry> wildcard = new ArrayList<>();
            Map<String, List<AclEntry>> byPrincipal = new HashMap<>();
            for (AclEntry entry : entries) {
                if (entry.isWildcardName()) {
                    wildcard.add(entry);
                } else if (entry.patternType() == PatternType.LITERAL) {
                    literal.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
                } else if (entry.patternType() == PatternType.PREFIXED) {
                    prefixed.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
                } else {
                    continue;   // Kafka stores only LITERAL and PREFIXED
                }
                byPrincipal.computeIfAbsent(entry.principal(), p -> new ArrayList<>()).add(entry);
            }
            TreeSet<Integer> lengths = new TreeSet<>();
            prefixed.keySet().forEach(p -> lengths.add(p.length()));
            Map<String, List<AclEntry>> frozenByPrincipal = new HashMap<>();
            byPrincipal.forEach((p, list) -> frozenByPrincipal.put(p, List.copyOf(list)));
            return new TypeAcls(buckets(literal), wildcard.isEmpty() ? null : Bucket.of(wildcard), buckets(prefixed),
                    lengths.stream().mapToInt(Integer::intValue).toArray(), Map.copyOf(frozenByPrincipal));
        }

        private static Map<String, Bucket> buckets(Map<String, List<AclEntry>> grouped) {
            Map<String, Bucket> out = new HashMap<>(grouped.size() * 2);
            grouped.forEach((name, list) -> out.put(name, Bucket.of(list)));
            return Map.copyOf(out);
        }
    }
}
