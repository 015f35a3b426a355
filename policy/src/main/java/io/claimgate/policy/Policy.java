package io.claimgate.policy;

import io.claimgate.policy.cel.CompiledExpression;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named group of rules that apply to the principals for which {@code when} is true (to every
 * principal when {@code when} is absent). Immutable.
 *
 * @param index    position in the file, 0-based: the decision engine memoizes {@code when} by it
 * @param location {@code file:line:column} of the policy, for messages
 */
public final class Policy {
    private final String name;
    private final int index;
    private final Optional<CompiledExpression> when;
    private final List<Rule> rules;
    private final String location;

    public Policy(String name, int index, Optional<CompiledExpression> when, List<Rule> rules, String location) {
        this.name = name;
        this.index = index;
        this.when = when;
        this.rules = List.copyOf(rules);
        this.location = location;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public Optional<CompiledExpression> when() {
        return when;
    }

    public List<Rule> rules() {
        return rules;
    }

    public String location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Policy)) {
            return false;
        }
        Policy other = (Policy) o;
        return index == other.index && Objects.equals(name, other.name) && Objects.equals(when, other.when)
                && rules.equals(other.rules) && Objects.equals(location, other.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, when, rules, location);
    }

    @Override
    public String toString() {
        return "Policy[name=" + name + ", index=" + index + ", when=" + when + ", rules=" + rules
                + ", location=" + location + "]";
    }
}
