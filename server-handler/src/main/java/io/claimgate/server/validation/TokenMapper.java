package io.claimgate.server.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.claimgate.common.json.Json;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 6: what Kafka and the authorizer see of a valid token: the principal name (first usable
 * claim of the username chain, plus the prefix), groups, scopes and all claims.
 */
public final class TokenMapper {
    private final List<String> usernameClaims;
    private final String usernamePrefix;
    private final Optional<String> groupsClaim;
    private final String scopeClaim;

    public TokenMapper(List<String> usernameClaims, String usernamePrefix, Optional<String> groupsClaim,
                       String scopeClaim) {
        this.usernameClaims = List.copyOf(usernameClaims);
        this.usernamePrefix = usernamePrefix;
        this.groupsClaim = groupsClaim;
        this.scopeClaim = scopeClaim;
    }

    public ValidatedToken map(String token, JWTClaimsSet claimsSet) throws TokenValidationException {
        // toJSONObject gives plain JSON values (dates as epoch seconds), as ValidatedToken promises.
        Map<String, Object> claims = claimsSet.toJSONObject();
        String principal = usernamePrefix + principalName(claims);
        List<String> groups = groupsClaim.map(name -> stringList(claims, name)).orElse(List.of());
        List<String> scopes = stringList(claims, scopeClaim);
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
            return usernamePrefix + principalName(claimsSet.getClaims());
        } catch (TokenValidationException e) {
            return null;
        }
    }

    /** A string (space- or comma-separated) or an array; anything else (an object) counts as absent. */
    private static List<String> stringList(Map<String, Object> claims, String nameOrPath) {
        Object value = Json.at(claims, nameOrPath).orElse(null);
        return value instanceof String || value instanceof List<?> ? Json.stringList(value) : List.of();
    }

    private String principalName(Map<String, Object> claims) throws TokenValidationException {
        for (String name : usernameClaims) {
            Object value = Json.at(claims, name).orElse(null);
            if ((value instanceof String || value instanceof Number) && !String.valueOf(value).isBlank()) {
                String text = String.valueOf(value).strip();
                // A control character in a principal name could forge lines in audit logs.
                if (text.chars().anyMatch(Character::isISOControl)) {
                    throw new TokenValidationException(Reason.NO_PRINCIPAL, "claim '" + Sanitizer.sanitize(name)
                            + "' contains control characters");
                }
                return text;
            }
        }
        throw new TokenValidationException(Reason.NO_PRINCIPAL, "none of the claims " + usernameClaims
                + " (oauth.username.claim) holds a non-blank string");
    }
}
