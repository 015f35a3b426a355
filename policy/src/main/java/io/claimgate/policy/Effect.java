package io.claimgate.policy;

/** A rule's {@code action}. */
public enum Effect {
    ALLOW, DENY;

    public String yamlName() {
        return this == ALLOW ? "allow" : "deny";
    }
}
