package io.claimgate.server.validation;

import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.claims.InvalidNameException;
import io.claimgate.common.claims.UnmappableClaimsException;
import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.List;
import java.util.Map;

/**
 * Step 6: what Kafka and the authorizer see of a valid token: the principal name (first usable
 * claim of the username chain, plus the prefix), groups (plus their prefix), scopes and all
 * claims. The rules live in {@link ClaimMapping}, shared with the client-side record filter so both
 * agree on who a client is. A name or group that breaks the name rules refuses the token with
 * {@link Reason#INVALID_PRINCIPAL}; no usable username claim with {@link Reason#NO_PRINCIPAL}.
 */
public final class TokenMapper {
    private final Issuer issuer;
    private final ClaimMapping mapping;

    /** @param issuer the issuer whose tokens this maps; every {@link ValidatedToken} made here carries it */
    public TokenMapper(Issuer issuer, ClaimMapping mapping) {
        this.issuer = issuer;
        this.mapping = mapping;
    }

    /**
     * @param principal the name {@link #principalIfPresent} found, or null to (fail to) map it now:
     *                  the validator maps it before the claim checks, for the log context of a
     *                  rejection, and only once
     */
    public ValidatedToken map(String token, JwtClaims claims, String principal) throws TokenValidationException {
        Map<String, Object> json = claims.json();   // plain JSON values (times as epoch seconds), as ValidatedToken promises
        try {
            String name = principal != null ? principal : mapping.principalName(json);
            List<String> groups = mapping.groups(json);
            List<String> scopes = mapping.scopes(json);
            return ValidatedToken.builder(token, name, issuer).scopes(scopes).groups(groups).claims(json)
                    .claimsJson(claims.source()).lifetimeMs(claims.expiresAtMs()).startTimeMs(claims.issuedAtMs()).build();
        } catch (InvalidNameException e) {
            throw new TokenValidationException(Reason.INVALID_PRINCIPAL, e.getMessage());
        } catch (UnmappableClaimsException e) {
            throw new TokenValidationException(Reason.NO_PRINCIPAL, e.getMessage());
        }
    }

    /** The principal name this token gets, or null if none of the username claims is usable. */
    public String principalIfPresent(JwtClaims claims) {
        try {
            return mapping.principalName(claims.json());
        } catch (UnmappableClaimsException e) {
            return null;
        }
    }
}
