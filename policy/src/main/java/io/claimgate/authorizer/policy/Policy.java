package io.claimgate.authorizer.policy;

import io.claimgate.common.cel.CompiledExpression;
import java.util.List;
import java.util.Optional;

/**
 * A named group of rules that apply to the principals for which {@code when} is true (to every
 * principal when {@code when} is absent). Immutable.
 *
 * @param index    position in the file, 0-based: the decision engine memoizes {@code when} by it
 * @param location {@code file:line:column} of the policy, for messages
 */
public record Policy(String name, int index, Optional<CompiledExpression> when, List<Rule> rules, String location) {
    public Policy {
        rules = List.copyOf(rules);
    }
}
