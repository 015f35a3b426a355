package io.claimgate.server.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.claims.UnmappableClaimsException;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.LinkedHashSet;
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
                       String scopeClaim) {
        this.mapping = new ClaimMapping(usernameClaims, usernamePrefix, groupsClaim, scopeClaim);
    }

    public ValidatedToken map(String token, JWTClaimsSet claimsSet) throws TokenValidationException {
        // toJSONObject gives plain JSON values (dates as epoch seconds), as ValidatedToken promises.
        Map<String, Object> claims = claimsSet.toJSONObject();
        String principal = principalName(claims);
        List<String> groups = mapping.groups(claims);
        List<String> scopes = mapping.scopes(claims);
        long lifetimeMs = claimsSet.getExpirationTime().getTime();
        Long startTimeMs = claimsSet.getIssueTime() == null ? null : claimsSet.getIssueTime().getTime();
        return new ValidatedToken(token, principal, claimsSet.getIssuer(), new LinkedHashSet<>(scopes), groups,
                claims, lifetimeMs, startTimeMs);
    }

    /**
     * The principal name this token would get, or null; only for log context when a later check
     * rejects the token, so an operator sees whose token it was.
     */
    public String principalIfPresent(JWTClaimsSet claimsSet) {
        try {
            return mapping.principalName(claimsSet.getClaims());
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
