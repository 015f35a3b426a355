package io.claimgate.authorizer.config;

/** {@code claimgate.authorizer.mode}. */
public enum AuthorizerMode {
    /** Denied means denied. The default. */
    ENFORCE,
    /**
     * Every decision that would deny is logged and counted, then allowed: for moving an open
     * cluster to enforced policies without breaking clients on the way.
     */
    AUDIT
}
