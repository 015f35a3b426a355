package io.claimgate.common.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ClaimMapping} makes of a claim set. Immutable.
 *
 * @param principalName the name, prefix included (the principal type is always {@code User})
 * @param groups        from {@code oauth.groups.claim}, in token order
 * @param scopes        from {@code oauth.scope.claim}, in token order, duplicates kept
 * @param claims        every claim, as parsed JSON values
 */
public final class MappedClaims {
    private final String principalName;
    private final List<String> groups;
    private final List<String> scopes;
    private final Map<String, Object> claims;

    public MappedClaims(String principalName, List<String> groups, List<String> scopes, Map<String, Object> claims) {
        this.principalName = principalName;
        this.groups = List.copyOf(groups);
        this.scopes = List.copyOf(scopes);
        // Not Map.copyOf: a JSON claim may be null, and that is no reason to fail.
        this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public String principalName() {
        return principalName;
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> scopes() {
        return scopes;
    }

    public Map<String, Object> claims() {
        return claims;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MappedClaims)) {
            return false;
        }
        MappedClaims other = (MappedClaims) o;
        return Objects.equals(principalName, other.principalName) && groups.equals(other.groups)
                && scopes.equals(other.scopes) && claims.equals(other.claims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principalName, groups, scopes, claims);
    }

    @Override
    public String toString() {
        return "MappedClaims[principalName=" + principalName + ", groups=" + groups + ", scopes=" + scopes
                + ", claims=" + claims + "]";
    }
}
