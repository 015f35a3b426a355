package io.claimgate.common.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ClaimMapping} makes of a claim set. Immutable.
 *
 * @param principalName the name, prefix included (the principal type is always {@code User})
 * @param groups        from {@code oauth.groups.claim}, in token order
 * @param scopes        from {@code oauth.scope.claim}, in token order, duplicates kept
 * @param claims        every claim, as parsed JSON values
 */
public record MappedClaims(String principalName, List<String> groups, List<String> scopes, Map<String, Object> claims) {
    public MappedClaims {
        groups = List.copyOf(groups);
        scopes = List.copyOf(scopes);
        // Not Map.copyOf: a JSON claim may be null, and that is no reason to fail.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }
}
