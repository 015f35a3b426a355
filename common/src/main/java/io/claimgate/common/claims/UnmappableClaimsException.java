package io.claimgate.common.claims;

/**
 * A token's claims yield no usable principal: none of the {@code oauth.username.claim} chain
 * holds a string (or number), or a name found breaks the {@link NameRules}
 * ({@link InvalidNameException}). The message names the configured claims, and claim values only
 * sanitised.
 */
public class UnmappableClaimsException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnmappableClaimsException(String message) {
        super(message);
    }
}
