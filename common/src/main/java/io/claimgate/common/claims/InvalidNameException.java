package io.claimgate.common.claims;

/**
 * A principal or group name in the token breaks the {@link NameRules}: the token must be refused,
 * not mapped to a name it does not literally carry. The message names the claim and the rule
 * broken, with the name sanitised.
 */
public final class InvalidNameException extends UnmappableClaimsException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
