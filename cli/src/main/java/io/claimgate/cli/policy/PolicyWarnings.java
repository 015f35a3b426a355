package io.claimgate.cli.policy;

import io.claimgate.policy.Effect;
import io.claimgate.policy.NamePattern;
import io.claimgate.policy.NamePatterns;
import io.claimgate.policy.Operations;
import io.claimgate.policy.Policy;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.Resources;
import io.claimgate.policy.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What the broker accepts but is almost certainly a mistake: rules that can never match, rules
 * made useless by another rule, names no resource can have. Each warning starts with the rule's
 * {@code file:line:column}. Only provable cases are reported (conditions are compared by their
 * text, never guessed), so a clean lint says nothing false.
 */
final class PolicyWarnings {
    /** Operations Kafka ever checks on each resource type (Kafka's ACL documentation). */
    private static final Map<ResourceType, Set<AclOperation>> CHECKED = Map.of(
            ResourceType.TOPIC, EnumSet.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                    AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
                    AclOperation.ALTER_CONFIGS),
            ResourceType.GROUP, EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE,
                    AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS),
            ResourceType.CLUSTER, EnumSet.of(AclOperation.CREATE, AclOperation.CLUSTER_ACTION,
                    AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE,
                    AclOperation.ALTER, AclOperation.DESCRIBE),
            ResourceType.TRANSACTIONAL_ID, EnumSet.of(AclOperation.DESCRIBE, AclOperation.WRITE));
    /** Kafka's legal topic name characters (Topic.LEGAL_CHARS). */
    private static final String TOPIC_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    private static final int MAX_TOPIC_NAME = 249;
    private static final String CLUSTER_NAME = "kafka-cluster";

    private PolicyWarnings() {
    }

    static List<String> of(PolicyFile file) {
        List<String> warnings = new ArrayList<>();
        List<Rule> all = new ArrayList<>();
        for (Policy policy : file.policies()) {
            policy.when().filter(when -> when.source().trim().equals("false")).ifPresent(when ->
                    warnings.add(policy.location() + ": warning: policy '" + policy.name()
                            + "': 'when' is always false; none of its rules can ever match"));
            all.addAll(policy.rules());
        }
        for (Rule rule : all) {
            operations(rule, warnings);
            rule.names().ifPresent(names -> names(rule, names, warnings));
        }
        for (Rule rule : all) {
            shadowing(rule, all, file).ifPresent(warnings::add);
        }
        return warnings;
    }

    private static void operations(Rule rule, List<String> warnings) {
        Set<AclOperation> checked = CHECKED.get(rule.resourceType());
        for (AclOperation op : rule.operations()) {
            if (op != AclOperation.ALL && !checked.contains(op)) {
                warnings.add(warn(rule, "Kafka never checks " + op.name().toLowerCase(Locale.ROOT) + " on a "
                        + Resources.yamlName(rule.resourceType()) + "; this part of the rule can never match"));
            }
        }
    }

    private static void names(Rule rule, NamePatterns names, List<String> warnings) {
        for (NamePattern pattern : names.patterns()) {
            String why = null;
            if (rule.resourceType() == ResourceType.TOPIC) {
                why = impossibleTopic(pattern);
            } else if (rule.resourceType() == ResourceType.CLUSTER && pattern.kind() != NamePattern.Kind.ANY
                    && !pattern.matches(CLUSTER_NAME)) {
                why = "the cluster resource is always named '" + CLUSTER_NAME + "'";
            }
            if (why != null) {
                warnings.add(warn(rule, "name '" + pattern + "' matches nothing: " + why));
            }
        }
    }

    private static String impossibleTopic(NamePattern pattern) {
        String literal = pattern.text();
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            boolean wildcard = pattern.kind() == NamePattern.Kind.GLOB && (c == '*' || c == '?');
            if (!wildcard && TOPIC_CHARS.indexOf(c) < 0) {
                return "topic names use only letters, digits, '.', '_' and '-' (found '" + c + "')";
            }
        }
        if (pattern.kind() == NamePattern.Kind.EXACT && literal.length() > MAX_TOPIC_NAME) {
            return "topic names are at most " + MAX_TOPIC_NAME + " characters";
        }
        if (pattern.kind() == NamePattern.Kind.EXACT && (literal.equals(".") || literal.equals(".."))) {
            return "'.' and '..' are not topic names";
        }
        return null;
    }

    /**
     * A rule with fixed names is useless when another rule that applies to at least the same
     * principals covers all its operations and names: an allow under a deny never allows; a
     * second allow (or deny) after an equal-or-wider one changes nothing.
     */
    private static Optional<String> shadowing(Rule rule, List<Rule> all, PolicyFile file) {
        if (rule.names().isEmpty()) {
            return Optional.empty();
        }
        for (Rule other : all) {
            if (other == rule || other.names().isEmpty() || other.resourceType() != rule.resourceType()
                    || !appliesWhenever(file.policies().get(other.policyIndex()), file.policies().get(rule.policyIndex()))
                    || !coversOperations(other, rule) || !coversNames(other.names().get(), rule.names().get())) {
                continue;
            }
            if (other.effect() == Effect.DENY && rule.effect() == Effect.ALLOW) {
                return Optional.of(warn(rule, "shadowed by " + other.describe() + " at " + other.location()
                        + ": denies come first, so this rule never allows anything"));
            }
            if (other.effect() == rule.effect() && isBefore(other, rule)) {
                return Optional.of(warn(rule, "redundant: " + other.describe() + " at " + other.location()
                        + " already " + (rule.effect() == Effect.ALLOW ? "allows" : "denies") + " all of it"));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code outer} applies to every principal {@code inner} applies to (compared by text, never guessed). */
    private static boolean appliesWhenever(Policy outer, Policy inner) {
        if (outer.when().isEmpty()) {
            return true;
        }
        return inner.when().isPresent() && inner.when().get().source().trim().equals(outer.when().get().source().trim());
    }

    /** Whether {@code outer} speaks about every operation {@code inner} does, implied ones included. */
    private static boolean coversOperations(Rule outer, Rule inner) {
        Set<AclOperation> spoken = inner.effect() == Effect.ALLOW ? Operations.allowedBy(inner.operations())
                : Operations.deniedBy(inner.operations());
        return spoken.stream().allMatch(outer::covers);
    }

    private static boolean coversNames(NamePatterns outer, NamePatterns inner) {
        for (NamePattern pattern : inner.patterns()) {
            if (outer.patterns().stream().noneMatch(o -> o.covers(pattern))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBefore(Rule a, Rule b) {
        return a.policyIndex() < b.policyIndex() || (a.policyIndex() == b.policyIndex() && a.number() < b.number());
    }

    private static String warn(Rule rule, String message) {
        return rule.location() + ": warning: " + rule.describe() + ": " + message;
    }
}
