package io.claimgate.authorizer.decision;

import io.claimgate.policy.NamePattern;
import io.claimgate.policy.Policy;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The rules of one policy file, indexed for lookup by resource: built once per loaded file,
 * immutable, swapped in whole on reload. {@link #NONE} stands for "no policy file" (ACLs only).
 *
 * <p>Rules with fixed {@code names} are found by name (exact names by hash, {@code prefix*} globs
 * by prefix length, {@code *} always, other globs by scanning the few there are); rules with
 * {@code names_from} depend on the principal and are always candidates for their resource type.
 * Candidates come back in file order, so the rule that decides is the first one in the file.
 */
public final class RuleIndex {
    public static final RuleIndex NONE = new RuleIndex(0, null);

    private static final Comparator<Rule> FILE_ORDER =
            Comparator.comparingInt(Rule::policyIndex).thenComparingInt(Rule::number);

    private final long version;
    private final PolicyFile file;
    private final Map<ResourceType, TypeRules> byType = new EnumMap<>(ResourceType.class);

    private RuleIndex(long version, PolicyFile file) {
        this.version = version;
        this.file = file;
        if (file != null) {
            Map<ResourceType, List<Rule>> grouped = new EnumMap<>(ResourceType.class);
            for (Policy policy : file.policies()) {
                for (Rule rule : policy.rules()) {
                    grouped.computeIfAbsent(rule.resourceType(), t -> new ArrayList<>()).add(rule);
                }
            }
            grouped.forEach((type, rules) -> byType.put(type, TypeRules.build(rules)));
        }
    }

    public static RuleIndex of(long version, PolicyFile file) {
        return new RuleIndex(version, file);
    }

    /** Changes with every loaded file; part of the decision-cache key. */
    public long version() {
        return version;
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    /** The policy file, or null for {@link #NONE}. */
    public PolicyFile file() {
        return file;
    }

    public Policy policy(Rule rule) {
        return file.policies().get(rule.policyIndex());
    }

    /**
     * Rules that may apply to the named resource: fixed names that match, plus every names_from
     * rule. Called for every decision the cache does not answer, so the usual case, where one
     * bucket (say the exact name's) holds all candidates, returns that immutable bucket itself and
     * allocates nothing; only candidates from several buckets are copied, merged and put back in
     * file order.
     */
    public List<Rule> candidates(ResourceType type, String name) {
        TypeRules rules = byType.get(type);
        if (rules == null) {
            return List.of();
        }
        Candidates found = new Candidates();
        found.add(rules.exact.get(name));
        for (int length : rules.prefixLengths) {
            if (length > name.length()) {
                break;
            }
            found.add(rules.prefix.get(name.substring(0, length)));
        }
        found.add(rules.any);
        if (!rules.globs.isEmpty()) {
            found.add(matchingGlobs(rules.globs, name));
        }
        found.add(rules.dynamic);
        return found.inFileOrder();
    }

    private static List<Rule> matchingGlobs(List<GlobRule> globs, String name) {
        List<Rule> matching = null;
        for (GlobRule glob : globs) {
            if (glob.pattern.matches(name)) {
                if (matching == null) {
                    matching = new ArrayList<>();
                }
                matching.add(glob.rule);
            }
        }
        return matching;
    }

    /** The buckets one lookup found; each bucket is in file order already. */
    private static final class Candidates {
        private List<Rule> single = List.of();   // while at most one bucket contributed
        private List<Rule> merged;               // once a second one did

        void add(List<Rule> bucket) {
            if (bucket == null || bucket.isEmpty()) {
                return;
            }
            if (merged != null) {
                merged.addAll(bucket);
            } else if (single.isEmpty()) {
                single = bucket;
            } else {
                merged = new ArrayList<>(single.size() + bucket.size());
                merged.addAll(single);
                merged.addAll(bucket);
            }
        }

        List<Rule> inFileOrder() {
            if (merged == null) {
                return single;
            }
            // Several buckets: restore file order and drop a rule found through two of its names.
            merged.sort(FILE_ORDER);
            for (int i = merged.size() - 1; i > 0; i--) {
                if (merged.get(i) == merged.get(i - 1)) {
                    merged.remove(i);
                }
            }
            return merged;
        }
    }

    /**
     * Whether a rule with fixed names (of any policy, for anyone) names this resource: for
     * {@code allow.everyone.if.no.acl.found}, such a resource counts as protected, like a
     * resource with ACLs for other principals does in Kafka.
     */
    public boolean namesResource(ResourceType type, String name) {
        for (Rule rule : candidates(type, name)) {
            if (rule.names().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Every rule of a resource type, in file order (for the by-resource-type check). */
    public List<Rule> rulesOf(ResourceType type) {
        TypeRules rules = byType.get(type);
        return rules == null ? List.of() : rules.all;
    }

    private record GlobRule(NamePattern pattern, Rule rule) {
    }

    private record TypeRules(Map<String, List<Rule>> exact, Map<String, List<Rule>> prefix, int[] prefixLengths,
                             List<Rule> any, List<GlobRule> globs, List<Rule> dynamic, List<Rule> all) {
        static TypeRules build(List<Rule> rules) {
            Map<String, List<Rule>> exact = new HashMap<>();
            Map<String, List<Rule>> prefix = new HashMap<>();
            List<Rule> any = new ArrayList<>();
            List<GlobRule> globs = new ArrayList<>();
            List<Rule> dynamic = new ArrayList<>();
            for (Rule rule : rules) {
                if (rule.names().isEmpty()) {
                    dynamic.add(rule);
                    continue;
                }
                for (NamePattern pattern : rule.names().get().patterns()) {
                    switch (pattern.kind()) {
                        case ANY -> any.add(rule);
                        case EXACT -> exact.computeIfAbsent(pattern.text(), n -> new ArrayList<>()).add(rule);
                        case PREFIX -> prefix.computeIfAbsent(pattern.text(), n -> new ArrayList<>()).add(rule);
                        case GLOB -> globs.add(new GlobRule(pattern, rule));
                    }
                }
            }
            TreeSet<Integer> lengths = new TreeSet<>();
            prefix.keySet().forEach(p -> lengths.add(p.length()));
            return new TypeRules(freeze(exact), freeze(prefix), lengths.stream().mapToInt(Integer::intValue).toArray(),
                    List.copyOf(any), List.copyOf(globs), List.copyOf(dynamic), List.copyOf(rules));
        }

        private static Map<String, List<Rule>> freeze(Map<String, List<Rule>> map) {
            Map<String, List<Rule>> out = new HashMap<>(map.size() * 2);
            map.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return Map.copyOf(out);
        }
    }
}
