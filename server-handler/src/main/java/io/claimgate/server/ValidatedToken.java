package io.claimgate.server;

import io.claimgate.common.json.JsonObject;
import io.claimgate.common.json.JsonObjectParser;
import io.claimgate.common.text.Sanitizer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
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
    /** The UTF-8 JSON that {@link #claims} is exactly the parse of, or null; never modified. */
    private final byte[] claimsJson;

    private ValidatedToken(Builder builder) {
        this.value = Objects.requireNonNull(builder.value, "value");
        this.principalName = Objects.requireNonNull(builder.principalName, "principalName");
        this.issuer = Objects.requireNonNull(builder.issuer, "issuer");
        this.scopes = Set.copyOf(builder.scopes);
        this.groups = List.copyOf(builder.groups);
        this.claims = JsonObject.immutable(builder.claims);   // parsed claims as they are, others copied
        this.lifetimeMs = builder.lifetimeMs;
        this.startTimeMs = builder.startTimeMs;
        this.claimsJson = builder.claimsJson;
    }

    private ValidatedToken(ValidatedToken validated, String value) {
        this(validated, value, validated.claims, validated.claimsJson);
    }

    private ValidatedToken(ValidatedToken validated, String value, Map<String, Object> claims, byte[] claimsJson) {
        this.value = Objects.requireNonNull(value, "value");
        this.principalName = validated.principalName;
        this.issuer = validated.issuer;
        this.scopes = validated.scopes;
        this.groups = validated.groups;
        this.claims = claims;
        this.lifetimeMs = validated.lifetimeMs;
        this.startTimeMs = validated.startTimeMs;
        this.claimsJson = claimsJson;
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

    /** This validation as a cache keeps it: see {@link Stored}. */
    public Stored stored() {
        return new Stored(this);
    }

    @Override
    public String toString() {
        // Token-derived text, sanitised: this may end up in a log line.
        return "ValidatedToken{principal=" + Sanitizer.sanitize(principalName, 256) + ", issuer="
                + Sanitizer.sanitize(issuer.id()) + ", iss=" + Sanitizer.sanitize(iss()) + ", scopes="
                + Sanitizer.sanitize(String.valueOf(scopes), 512) + ", groups="
                + Sanitizer.sanitize(String.valueOf(groups), 512) + ", lifetimeMs=" + lifetimeMs + "}";
    }

    /**
     * A validation as a cache keeps it: without the token, and, where the claims were parsed from
     * one JSON text, with that text instead of the parsed claims. A parsed claim set is a graph of
     * some 50 maps, lists, strings and numbers (~1.9 KB for a typical access token); a cache of
     * thousands of them, each entry young when a storm of new tokens fills it, is what a young
     * collection copies again and again, and the garbage collector then keeps the young generation
     * small to meet its pause target. One byte array is cheap to copy, and parsing it back on a hit
     * costs about a microsecond. Immutable.
     */
    public static final class Stored {
        private final ValidatedToken skeleton;
        private final byte[] claimsJson;

        private Stored(ValidatedToken validated) {
            this.claimsJson = validated.claimsJson;
            this.skeleton = new ValidatedToken(validated, "", claimsJson == null ? validated.claims : Map.of(), null);
        }

        /** The configured issuer that accepted the token. */
        public Issuer issuer() {
            return skeleton.issuer;
        }

        /** Whether the claims are kept as their JSON text (else as parsed). */
        public boolean compact() {
            return claimsJson != null;
        }

        /** The validation again, for another copy of the same token: the claims parsed anew if kept as text. */
        public ValidatedToken restore(String tokenValue) {
            if (claimsJson == null) {
                return skeleton.withValue(tokenValue);
            }
            try {
                return new ValidatedToken(skeleton, tokenValue,
                        JsonObjectParser.parse(new String(claimsJson, StandardCharsets.UTF_8)), null);
            } catch (ParseException e) {
                // These very bytes parsed before (the strict UTF-8 check passed too): cannot happen.
                throw new IllegalStateException("cached claims no longer parse", e);
            }
        }

        @Override
        public String toString() {
            return "Stored" + skeleton;
        }
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
        private byte[] claimsJson;

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

        /**
         * @param utf8Json the UTF-8 JSON text the claims are exactly the {@link JsonObjectParser} parse of
         *                 (not normalised, not a copy), or null; not to be modified afterwards. Lets a
         *                 cache keep the validation compactly ({@link Stored}).
         */
        public Builder claimsJson(byte[] utf8Json) {
            this.claimsJson = utf8Json;
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
