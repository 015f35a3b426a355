package io.claimgate.common.claims;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.json.Json;
import io.claimgate.common.text.Sanitizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a token's claims become the principal name, groups and scopes: the broker's validator and
 * the client-side record filter both use this one implementation, so both sides agree on who a
 * client is. Immutable and thread-safe.
 *
 * <ul>
 *   <li>name: the first claim of {@code oauth.username.claim} (a fallback chain, default
 *       {@value #DEFAULT_USERNAME_CLAIM}) that holds a string or a number, exactly as it is (never
 *       trimmed), with {@code oauth.username.prefix} in front. A name that breaks the
 *       {@link NameRules} refuses the token ({@link InvalidNameException}); the chain does not move
 *       on to the next claim, which would turn a refused name into another one;</li>
 *   <li>groups: {@code oauth.groups.claim}, a claim name or dotted path (e.g.
 *       {@code realm_access.roles}), each with {@code oauth.groups.prefix} in front; none when
 *       unset. One group breaking the {@link NameRules} refuses the whole token: dropping just that
 *       group could grant access, since a policy condition may test that a group is absent;</li>
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
    private final String groupsPrefix;
    private final ScopeClaim scopeClaim;

    /** @param usernamePrefix, groupsPrefix empty = none; otherwise a name by the {@link NameRules} */
    public ClaimMapping(List<String> usernameClaims, String usernamePrefix, Optional<String> groupsClaim,
                        String groupsPrefix, ScopeClaim scopeClaim) {
        if (usernameClaims.isEmpty()) {
            throw new IllegalArgumentException("at least one username claim");
        }
        if (!usernamePrefix.isEmpty() && !NameRules.isValid(usernamePrefix)
                || !groupsPrefix.isEmpty() && !NameRules.isValid(groupsPrefix)) {
            throw new IllegalArgumentException("a prefix breaks the name rules");
        }
        this.usernameClaims = List.copyOf(usernameClaims);
        this.usernamePrefix = usernamePrefix;
        this.groupsClaim = groupsClaim;
        this.groupsPrefix = groupsPrefix;
        this.scopeClaim = scopeClaim;
    }

    /**
     * Reads {@code oauth.username.claim}, {@code oauth.username.prefix}, {@code oauth.groups.claim},
     * {@code oauth.groups.prefix}, {@code oauth.scope.claim} and {@code oauth.scope.claim.separators}
     * (with their Kafka fallbacks and environment variables, as every option), failing with an {@link InvalidOptionException}
     * naming a bad one.
     */
    public static ClaimMapping from(OptionReader reader) {
        List<String> usernameClaims = reader.list(Option.USERNAME_CLAIM);
        if (usernameClaims.isEmpty()) {
            throw new InvalidOptionException(reader.name(OptionNames.USERNAME_CLAIM), "expected one or more claim names");
        }
        return new ClaimMapping(usernameClaims, prefix(reader, OptionNames.USERNAME_PREFIX),
                reader.string(OptionNames.GROUPS_CLAIM), prefix(reader, OptionNames.GROUPS_PREFIX),
                ScopeClaim.from(reader));
    }

    /**
     * {@code oauth.username.prefix} or {@code oauth.groups.prefix}: empty when unset; otherwise it
     * must itself follow the {@link NameRules}, or the names it makes would not.
     */
    public static String prefix(OptionReader reader, String option) {
        String prefix = reader.string(option, "");
        Optional<String> violation = prefix.isEmpty() ? Optional.empty() : NameRules.violation(prefix);
        if (violation.isPresent()) {
            throw new InvalidOptionException(reader.name(option), "'" + Sanitizer.sanitize(prefix) + "' "
                    + violation.get() + "; a prefix follows the name rules of principal and group names"
                    + " (docs/CONFIGURATION.md, Name rules)");
        }
        return prefix;
    }

    /** Name, groups and scopes of a claim set; {@code claims} as parsed JSON values. */
    public MappedClaims map(Map<String, Object> claims) throws UnmappableClaimsException {
        return new MappedClaims(principalName(claims), groups(claims), scopes(claims), claims);
    }

    /**
     * The principal name, prefix included.
     *
     * @throws InvalidNameException      the first claim present breaks the {@link NameRules}
     * @throws UnmappableClaimsException no claim of the chain holds a string or a number
     */
    public String principalName(Map<String, ?> claims) throws UnmappableClaimsException {
        for (String claim : usernameClaims) {
            Object value = Json.at(claims, claim).orElse(null);
            if (value instanceof String || value instanceof Number) {
                String name = String.valueOf(value);
                Optional<String> violation = NameRules.violation(name);
                if (violation.isPresent()) {
                    throw invalidName(name, violation.get(), "claim '" + Sanitizer.sanitize(claim) + "' ("
                            + OptionNames.USERNAME_CLAIM + ")", "principal");
                }
                return usernamePrefix + name;
            }
        }
        throw new UnmappableClaimsException("none of the claims " + usernameClaims + " ("
                + OptionNames.USERNAME_CLAIM + ") holds a string");
    }

    /**
     * The groups, prefix included, in token order; empty without {@code oauth.groups.claim}.
     *
     * @throws InvalidNameException a group breaks the {@link NameRules}
     */
    public List<String> groups(Map<String, ?> claims) throws InvalidNameException {
        if (groupsClaim.isEmpty()) {
            return List.of();
        }
        List<String> groups = stringList(claims, groupsClaim.get());
        for (int i = 0; i < groups.size(); i++) {
            Optional<String> violation = NameRules.violation(groups.get(i));
            if (violation.isPresent()) {
                throw invalidName(groups.get(i), violation.get(), "group " + i + " of claim '"
                        + Sanitizer.sanitize(groupsClaim.get()) + "' (" + OptionNames.GROUPS_CLAIM + ")", "group");
            }
        }
        if (groupsPrefix.isEmpty()) {
            return groups;
        }
        List<String> prefixed = new ArrayList<>(groups.size());
        for (String group : groups) {
            prefixed.add(groupsPrefix + group);
        }
        return Collections.unmodifiableList(prefixed);
    }

    /** Built only for a name that breaks the rules: validating a good token builds no message. */
    private static InvalidNameException invalidName(String name, String violation, String where, String what) {
        return new InvalidNameException(where + " is not a valid " + what + " name: it " + violation
                + " ('" + Sanitizer.sanitize(name) + "'; names are never trimmed or changed, see the name rules"
                + " in docs/CONFIGURATION.md)");
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

    public String groupsPrefix() {
        return groupsPrefix;
    }

    public ScopeClaim scopeClaim() {
        return scopeClaim;
    }

    private static List<String> stringList(Map<String, ?> claims, String nameOrPath) {
        Object value = Json.at(claims, nameOrPath).orElse(null);
        return value instanceof String || value instanceof List<?> ? Json.stringList(value) : List.of();
    }

    /** By value: equal options make equal mappings (the broker shares one validator per distinct options). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClaimMapping)) {
            return false;
        }
        ClaimMapping other = (ClaimMapping) o;
        return usernameClaims.equals(other.usernameClaims)
                && usernamePrefix.equals(other.usernamePrefix) && groupsClaim.equals(other.groupsClaim)
                && groupsPrefix.equals(other.groupsPrefix) && scopeClaim.equals(other.scopeClaim);
    }

    @Override
    public int hashCode() {
        return Objects.hash(usernameClaims, usernamePrefix, groupsClaim, groupsPrefix, scopeClaim);
    }

    @Override
    public String toString() {
        return "ClaimMapping[username claims " + usernameClaims + (usernamePrefix.isEmpty() ? "" : ", prefix '"
                + usernamePrefix + "'") + groupsClaim.map(g -> ", groups claim " + g).orElse("")
                + (groupsPrefix.isEmpty() ? "" : ", groups prefix '" + groupsPrefix + "'")
                + ", scope claim " + scopeClaim + "]";
    }
}
