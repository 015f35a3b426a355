package io.claimgate.common.claims;

/**
 * A token's claims yield no usable principal name: none of the {@code oauth.username.claim} chain
 * holds a non-blank string (or number), or the one found contains control characters. The message
 * names the configured claims, never claim values.
 */
public final class UnmappableClaimsException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnmappableClaimsException(String message) {
        super(message);
    }
}
