package io.claimgate.common.claims;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.json.Json;
import io.claimgate.common.text.Sanitizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a token's claims become the principal name, groups and scopes: the broker's validator and
 * the client-side record filter both use this one implementation, so both sides agree on who a
 * client is. Immutable and thread-safe.
 *
 * <ul>
 *   <li>name: the first claim of {@code oauth.username.claim} (a fallback chain, default
 *       {@value #DEFAULT_USERNAME_CLAIM}) holding a non-blank string or a number, stripped, with
 *       {@code oauth.username.prefix} in front; names with control characters are refused (they
 *       could forge lines in audit logs);</li>
 *   <li>groups: {@code oauth.groups.claim}, a claim name or dotted path (e.g.
 *       {@code realm_access.roles}); none when unset;</li>
 *   <li>scopes: {@code oauth.scope.claim} (default {@value #DEFAULT_SCOPE_CLAIM}), read as
 *       {@link ScopeClaim} says (a string is split on spaces only, unless
 *       {@code oauth.scope.claim.separators} adds commas).</li>
 * </ul>
 * Groups may be a JSON array or a string split on spaces (or commas); anything else (an object, a
 * number) counts as absent. Claim names with dots are looked up literally first,
 * then as a path ({@link Json#at}).
 */
public final class ClaimMapping {
    public static final String DEFAULT_USERNAME_CLAIM = "sub";
    public static final String DEFAULT_SCOPE_CLAIM = ScopeClaim.DEFAULT_NAME;

    private final List<String> usernameClaims;
    private final String usernamePrefix;
    private final Optional<String> groupsClaim;
    private final ScopeClaim scopeClaim;

    public ClaimMapping(List<String> usernameClaims, String usernamePrefix, Optional<String> groupsClaim,
                        ScopeClaim scopeClaim) {
        if (usernameClaims.isEmpty()) {
            throw new IllegalArgumentException("at least one username claim");
        }
        this.usernameClaims = List.copyOf(usernameClaims);
        this.usernamePrefix = usernamePrefix;
        this.groupsClaim = groupsClaim;
        this.scopeClaim = scopeClaim;
    }

    /**
     * Reads {@code oauth.username.claim}, {@code oauth.username.prefix}, {@code oauth.groups.claim},
     * {@code oauth.scope.claim} and {@code oauth.scope.claim.separators} (with their Kafka fallbacks and environment variables, as every
     * option), failing with an {@link InvalidOptionException} naming a bad one.
     */
    public static ClaimMapping from(OptionReader reader) {
        List<String> usernameClaims = reader.list(OptionNames.USERNAME_CLAIM, List.of(DEFAULT_USERNAME_CLAIM));
        if (usernameClaims.isEmpty()) {
            throw new InvalidOptionException(reader.name(OptionNames.USERNAME_CLAIM), "expected one or more claim names");
        }
        return new ClaimMapping(usernameClaims, reader.string(OptionNames.USERNAME_PREFIX, ""),
                reader.string(OptionNames.GROUPS_CLAIM), ScopeClaim.from(reader));
    }

    /** Name, groups and scopes of a claim set; {@code claims} as parsed JSON values. */
    public MappedClaims map(Map<String, Object> claims) throws UnmappableClaimsException {
        return new MappedClaims(principalName(claims), groups(claims), scopes(claims), claims);
    }

    /** The principal name, prefix included. */
    public String principalName(Map<String, ?> claims) throws UnmappableClaimsException {
        for (String name : usernameClaims) {
            Object value = Json.at(claims, name).orElse(null);
            if ((value instanceof String || value instanceof Number) && !String.valueOf(value).isBlank()) {
                String text = String.valueOf(value).strip();
                if (hasControlCharacter(text)) {
                    throw new UnmappableClaimsException("claim '" + Sanitizer.sanitize(name, 64) + "' contains control characters");
                }
                return usernamePrefix + text;
            }
        }
        throw new UnmappableClaimsException("none of the claims " + usernameClaims + " ("
                + OptionNames.USERNAME_CLAIM + ") holds a non-blank string");
    }

    public List<String> groups(Map<String, ?> claims) {
        return groupsClaim.map(name -> stringList(claims, name)).orElse(List.of());
    }

    public List<String> scopes(Map<String, ?> claims) {
        return scopeClaim.scopes(claims);
    }

    public List<String> usernameClaims() {
        return usernameClaims;
    }

    public String usernamePrefix() {
        return usernamePrefix;
    }

    public Optional<String> groupsClaim() {
        return groupsClaim;
    }

    public ScopeClaim scopeClaim() {
        return scopeClaim;
    }

    private static List<String> stringList(Map<String, ?> claims, String nameOrPath) {
        Object value = Json.at(claims, nameOrPath).orElse(null);
        return value instanceof String || value instanceof List<?> ? Json.stringList(value) : List.of();
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ClaimMapping[username claims " + usernameClaims + (usernamePrefix.isEmpty() ? "" : ", prefix '"
                + usernamePrefix + "'") + groupsClaim.map(g -> ", groups claim " + g).orElse("")
                + ", scope claim " + scopeClaim + "]";
    }
}
