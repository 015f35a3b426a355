package io.claimgate.authorizer.decision;

import io.claimgate.policy.NamePatterns;
import io.claimgate.policy.Policy;
import io.claimgate.policy.Rule;
import io.claimgate.policy.cel.CelVariables;
import io.claimgate.policy.cel.CompiledExpression;
import io.claimgate.policy.cel.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * A requester as seen by one loaded policy file: the principals its ACLs may be granted to, and
 * the per-requester parts of the policies, evaluated at most once each. A policy's {@code when}
 * and a rule's {@code names_from} depend only on the requester (principal, claims, groups,
 * scopes, listener, address), never on the resource, so they are evaluated lazily, the first time
 * a decision needs them, and remembered here; a decision-cache miss for a known requester costs
 * index lookups, not CEL evaluations. Failed evaluations are not remembered (and so counted each
 * time), because an error must never become a cached answer.
 */
final class Subject {
    private final SubjectKey key;
    private final RuleIndex rules;
    private final List<String> aclPrincipals;
    private final String host;
    private final EvaluationErrors errors;
    private final ConditionMemo whenResults;
    private final Map<Rule, NamePatterns> namesResults = new ConcurrentHashMap<>();
    private volatile Map<String, Object> variables;

    private Subject(SubjectKey key, RuleIndex rules, List<String> aclPrincipals, String host, EvaluationErrors errors) {
        this.key = key;
        this.rules = rules;
        this.aclPrincipals = aclPrincipals;
        this.host = host;
        this.errors = errors;
        this.whenResults = new ConditionMemo(rules.file() == null ? 0 : rules.file().policies().size());
    }

    static Subject of(SubjectKey key, RuleIndex rules, String groupPrincipalType, EvaluationErrors errors) {
        List<String> principals = new ArrayList<>(2 + key.groups.size());
        principals.add(key.principal());
        // Kafka's wildcard principal: ACLs for User:* apply to every principal, whatever its type.
        principals.add(KafkaPrincipal.USER_TYPE + ":*");
        for (String group : key.groups) {
            principals.add(groupPrincipalType + ":" + group);
        }
        String host = key.address == null ? "" : key.address.getHostAddress();
        return new Subject(key, rules, List.copyOf(principals), host, errors);
    }

    SubjectKey key() {
        return key;
    }

    RuleIndex rules() {
        return rules;
    }

    /** {@code User:<name>}, {@code User:*}, and {@code <groupType>:<group>} per group. */
    List<String> aclPrincipals() {
        return aclPrincipals;
    }

    String host() {
        return host;
    }

    /** Whether the rule's policy applies to this requester and, for names_from rules, the names include {@code name}. */
    Check matches(Rule rule, String name) {
        Check applies = applies(rules.policy(rule));
        if (!applies.yes() || rule.names().isPresent()) {
            return applies;   // fixed names were already matched by the index
        }
        Names names = namesFrom(rule);
        return names.failed() ? Check.failed(names.error()) : Check.of(names.patterns().matches(name));
    }

    /** The policy's {@code when} for this requester. */
    Check applies(Policy policy) {
        if (policy.when().isEmpty()) {
            return Check.YES;
        }
        int known = whenResults.get(policy.index());
        if (known != ConditionMemo.UNKNOWN) {
            return Check.of(known == ConditionMemo.TRUE);
        }
        try {
            boolean result = policy.when().get().evaluateBool(variables());
            whenResults.set(policy.index(), result);
            return Check.of(result);
        } catch (EvaluationException e) {
            errors.report(policy.name(), "when", key, e.getMessage());
            return Check.failed("'when' failed: " + e.getMessage());
        }
    }

    /** The globs a names_from rule yields for this requester, or the evaluation error. */
    Names namesFrom(Rule rule) {
        NamePatterns known = namesResults.get(rule);
        if (known != null) {
            return new Names(known, null);
        }
        if (rule.namesFromClaimOfAllow().filter(path -> path.absentFrom(key.claims)).isPresent()) {
            NamePatterns none = NamePatterns.globs(List.of());   // the token lacks the claim: no names, no error
            namesResults.put(rule, none);
            return new Names(none, null);
        }
        CompiledExpression expression = rule.namesFrom().orElseThrow();
        try {
            NamePatterns names = NamePatterns.globs(expression.evaluateStringList(variables()));
            namesResults.put(rule, names);
            return new Names(names, null);
        } catch (EvaluationException e) {
            errors.report(rule.policyName(), "rule #" + rule.number() + " names_from", key, e.getMessage());
            return new Names(null, "'names_from' failed: " + e.getMessage());
        }
    }

    /** Either the patterns or the error. */
    record Names(NamePatterns patterns, String error) {
        boolean failed() {
            return patterns == null;
        }
    }

    private Map<String, Object> variables() {
        Map<String, Object> vars = variables;
        if (vars == null) {
            vars = CelVariables.principal(key.type, key.name, key.claims, key.groups, key.scopes, key.listener, host);
            variables = vars;
        }
        return vars;
    }
}
