package io.claimgate.server;

import io.claimgate.common.json.JsonObject;
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
    private final Issuer issuer;
    private final Set<String> scopes;
    private final List<String> groups;
    private final Map<String, Object> claims;
    private final long lifetimeMs;
    private final Long startTimeMs;

    private ValidatedToken(Builder builder) {
        this.value = Objects.requireNonNull(builder.value, "value");
        this.principalName = Objects.requireNonNull(builder.principalName, "principalName");
        this.issuer = Objects.requireNonNull(builder.issuer, "issuer");
        this.scopes = Set.copyOf(builder.scopes);
        this.groups = List.copyOf(builder.groups);
        this.claims = JsonObject.immutable(builder.claims);   // parsed claims as they are, others copied
        this.lifetimeMs = builder.lifetimeMs;
        this.startTimeMs = builder.startTimeMs;
    }

    private ValidatedToken(ValidatedToken validated, String value) {
        this.value = Objects.requireNonNull(value, "value");
        this.principalName = validated.principalName;
        this.issuer = validated.issuer;
        this.scopes = validated.scopes;
        this.groups = validated.groups;
        this.claims = validated.claims;
        this.lifetimeMs = validated.lifetimeMs;
        this.startTimeMs = validated.startTimeMs;
    }

    /**
     * @param value         the token as presented
     * @param principalName the mapped principal name
     * @param issuer        the configured issuer that accepted it
     */
    public static Builder builder(String value, String principalName, Issuer issuer) {
        return new Builder(value, principalName, issuer);
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

    /** The configured issuer whose rules accepted this token (its id, expected {@code iss}, clock skew, ...). */
    public Issuer issuer() {
        return issuer;
    }

    /** The {@code iss} claim, or null for a token without one. */
    public String iss() {
        Object iss = claims.get("iss");
        return iss instanceof String s ? s : null;
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
        return new ValidatedToken(this, tokenValue);
    }

    @Override
    public String toString() {
        // Token-derived text, sanitised: this may end up in a log line.
        return "ValidatedToken{principal=" + Sanitizer.sanitize(principalName, 256) + ", issuer="
                + Sanitizer.sanitize(issuer.id()) + ", iss=" + Sanitizer.sanitize(iss()) + ", scopes="
                + Sanitizer.sanitize(String.valueOf(scopes), 512) + ", groups="
                + Sanitizer.sanitize(String.valueOf(groups), 512) + ", lifetimeMs=" + lifetimeMs + "}";
    }

    /** Collects the parts of a {@link ValidatedToken}; unset collections are empty, times 0 and null. */
    public static final class Builder {
        private final String value;
        private final String principalName;
        private final Issuer issuer;
        private Collection<String> scopes = List.of();
        private List<String> groups = List.of();
        private Map<String, Object> claims = Map.of();
        private long lifetimeMs;
        private Long startTimeMs;

        private Builder(String value, String principalName, Issuer issuer) {
            this.value = value;
            this.principalName = principalName;
            this.issuer = issuer;
        }

        /** @param scopes duplicates are dropped (a scope claim may repeat a scope) */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        public Builder groups(List<String> groups) {
            this.groups = groups;
            return this;
        }

        public Builder claims(Map<String, Object> claims) {
            this.claims = claims;
            return this;
        }

        /** @param expiresAtMs {@code exp} in epoch milliseconds (Kafka's "lifetime") */
        public Builder lifetimeMs(long expiresAtMs) {
            this.lifetimeMs = expiresAtMs;
            return this;
        }

        /** @param issuedAtMs {@code iat} in epoch milliseconds; null = unknown */
        public Builder startTimeMs(Long issuedAtMs) {
            this.startTimeMs = issuedAtMs;
            return this;
        }

        public ValidatedToken build() {
            return new ValidatedToken(this);
        }
    }
}
