package io.claimgate.policy;

import java.util.List;

/**
 * A policy file cannot be used. Every problem found is listed, each starting with
 * {@code file:line:column:} and naming the policy (and rule) it is in.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public PolicyException(String source, List<String> problems) {
        super("policy file " + source + " is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
