package io.claimgate.policy;

import io.claimgate.policy.cel.CompiledExpression;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One rule of a policy: allow or deny some operations on some resources. The names are either
 * fixed globs ({@code names}) or computed per principal by a CEL expression ({@code names_from}).
 * Immutable; identity is meaningful (the decision engine memoizes {@code names_from} per rule).
 */
public final class Rule {
    private final String policyName;
    private final int policyIndex;
    private final int number;
    private final Effect effect;
    private final ResourceType resourceType;
    private final Set<AclOperation> operations;
    private final EnumSet<AclOperation> covered;
    private final NamePatterns names;
    private final CompiledExpression namesFrom;
    private final Optional<ClaimPath> namesFromClaim;
    private final String description;
    private final String location;

    /**
     * @param policyIndex 0-based position of its policy in the file
     * @param number     1-based position in its policy, for messages
     * @param names      fixed names, or null when {@code namesFrom} is given
     * @param namesFrom  CEL producing globs, or null when {@code names} is given
     * @param location   {@code file:line:column} of the rule, for messages (lint, explain)
     */
    public Rule(String policyName, int policyIndex, int number, Effect effect, ResourceType resourceType, Set<AclOperation> operations,
                NamePatterns names, CompiledExpression namesFrom, String location) {
        if ((names == null) == (namesFrom == null)) {
            throw new IllegalArgumentException("a rule has either names or names_from");
        }
        this.policyName = policyName;
        this.policyIndex = policyIndex;
        this.number = number;
        this.effect = effect;
        this.resourceType = resourceType;
        this.operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
        // Implied operations apply to allows only, exactly as for Kafka ACLs.
        this.covered = effect == Effect.ALLOW ? Operations.allowedBy(operations) : Operations.deniedBy(operations);
        this.names = names;
        this.namesFrom = namesFrom;
        this.location = location;
        this.namesFromClaim = namesFrom == null ? Optional.empty() : ClaimPath.of(namesFrom.source());
        String what = names != null ? names.toString() : "names_from: " + namesFrom.source();
        this.description = "policy '" + policyName + "' rule #" + number + " (" + effect.yamlName() + " "
                + Resources.yamlName(resourceType) + " " + what + " "
                + this.operations.stream().map(op -> op.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ")";
    }

    public String policyName() {
        return policyName;
    }

    public int policyIndex() {
        return policyIndex;
    }

    public int number() {
        return number;
    }

    public Effect effect() {
        return effect;
    }

    public ResourceType resourceType() {
        return resourceType;
    }

    /** As written in the file. */
    public Set<AclOperation> operations() {
        return operations;
    }

    /** Whether this rule speaks about {@code op}, implied operations included for allows. */
    public boolean covers(AclOperation op) {
        return covered.contains(op);
    }

    /** Whether this rule speaks about {@code op} itself or through ALL, without implications (Kafka's by-type check). */
    public boolean coversExactly(AclOperation op) {
        return operations.contains(op) || operations.contains(AclOperation.ALL);
    }

    public Optional<NamePatterns> names() {
        return Optional.ofNullable(names);
    }

    public Optional<CompiledExpression> namesFrom() {
        return Optional.ofNullable(namesFrom);
    }

    /**
     * For an allow rule whose {@code names_from} only reads a claim: that claim's path. A token
     * without it gets no names from this rule, not an evaluation error. Deny rules keep failing
     * closed: for them an absent claim stays an error, and the rule counts as matching.
     */
    public Optional<ClaimPath> namesFromClaimOfAllow() {
        return effect == Effect.ALLOW ? namesFromClaim : Optional.empty();
    }

    /** {@code file:line:column} of the rule in its policy file. */
    public String location() {
        return location;
    }

    /** {@code policy 'p' rule #2 (allow topic [orders-*] read, write)} */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }
}
