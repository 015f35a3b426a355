package io.claimgate.server;

import io.claimgate.common.text.Sanitizer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * A token that passed validation, with everything the principal builder and the authorizer need:
 * the principal name derived from the username claim chain, groups, scopes and the full claim set.
 * Immutable. {@link #toString()} never includes the token itself.
 *
 * <p>Kafka keeps this object for the life of the SASL session (negotiated property
 * {@code OAUTHBEARER.token}); {@link OAuthPrincipalBuilder} reads it from there.
 */
public final class ValidatedToken implements OAuthBearerToken {
    private final String value;
    private final String principalName;
    private final String issuer;
    private final Set<String> scopes;
    private final List<String> groups;
    private final Map<String, Object> claims;
    private final long lifetimeMs;
    private final Long startTimeMs;

    /** @param scopes duplicates are dropped (a scope claim may repeat a scope) */
    public ValidatedToken(String value, String principalName, String issuer, Collection<String> scopes, List<String> groups,
                          Map<String, Object> claims, long lifetimeMs, Long startTimeMs) {
        this.value = Objects.requireNonNull(value, "value");
        this.principalName = Objects.requireNonNull(principalName, "principalName");
        this.issuer = issuer;
        this.scopes = Set.copyOf(scopes);
        this.groups = List.copyOf(groups);
        this.claims = Map.copyOf(claims);
        this.lifetimeMs = lifetimeMs;
        this.startTimeMs = startTimeMs;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public Set<String> scope() {
        return scopes;
    }

    @Override
    public long lifetimeMs() {
        return lifetimeMs;
    }

    @Override
    public String principalName() {
        return principalName;
    }

    @Override
    public Long startTimeMs() {
        return startTimeMs;
    }

    /** The {@code iss} claim, or null for a token without one (opaque, introspected). */
    public String issuer() {
        return issuer;
    }

    public List<String> groups() {
        return groups;
    }

    /** Every claim of the token, as parsed JSON values (String, Number, Boolean, List, Map). */
    public Map<String, Object> claims() {
        return claims;
    }

    /**
     * The same validation for another copy of the same token: caches keep validations without the
     * token itself (keyed by its hash) and put the presented token back in on a hit.
     */
    public ValidatedToken withValue(String tokenValue) {
        return new ValidatedToken(tokenValue, principalName, issuer, scopes, groups, claims, lifetimeMs, startTimeMs);
    }

    @Override
    public String toString() {
        // Token-derived text, sanitised: this may end up in a log line.
        return "ValidatedToken{principal=" + Sanitizer.sanitize(principalName, 256) + ", issuer="
                + Sanitizer.sanitize(issuer) + ", scopes=" + Sanitizer.sanitize(String.valueOf(scopes), 512)
                + ", groups=" + Sanitizer.sanitize(String.valueOf(groups), 512) + ", lifetimeMs=" + lifetimeMs + "}";
    }
}
