package io.claimgate.server.validation;

import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.claims.ScopeClaim;
import io.claimgate.common.claims.UnmappableClaimsException;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 6: what Kafka and the authorizer see of a valid token: the principal name (first usable
 * claim of the username chain, plus the prefix), groups, scopes and all claims. The rules live in
 * {@link ClaimMapping}, shared with the client-side record filter so both agree on who a client is.
 */
public final class TokenMapper {
    private final ClaimMapping mapping;

    public TokenMapper(List<String> usernameClaims, String usernamePrefix, Optional<String> groupsClaim,
                       ScopeClaim scopeClaim) {
        this.mapping = new ClaimMapping(usernameClaims, usernamePrefix, groupsClaim, scopeClaim);
    }

    /**
     * @param principal the name {@link #principalIfPresent} found, or null to (fail to) map it now:
     *                  the validator maps it before the claim checks, for the log context of a
     *                  rejection, and only once
     */
    public ValidatedToken map(String token, JwtClaims claims, String principal) throws TokenValidationException {
        Map<String, Object> json = claims.json();   // plain JSON values (times as epoch seconds), as ValidatedToken promises
        String name = principal != null ? principal : principalName(json);
        List<String> groups = mapping.groups(json);
        List<String> scopes = mapping.scopes(json);
        return new ValidatedToken(token, name, claims.issuer(), scopes, groups, json,
                claims.expiresAtMs(), claims.issuedAtMs());
    }

    /** The principal name this token gets, or null if none of the username claims is usable. */
    public String principalIfPresent(JwtClaims claims) {
        try {
            return mapping.principalName(claims.json());
        } catch (UnmappableClaimsException e) {
            return null;
        }
    }

    private String principalName(Map<String, Object> claims) throws TokenValidationException {
        try {
            return mapping.principalName(claims);
        } catch (UnmappableClaimsException e) {
            throw new TokenValidationException(Reason.NO_PRINCIPAL, e.getMessage());
        }
    }
}
