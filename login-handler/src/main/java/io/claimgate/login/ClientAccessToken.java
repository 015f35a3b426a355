package io.claimgate.login;

import io.claimgate.common.claims.ScopeClaim;
import io.claimgate.common.text.Sanitizer;
import io.claimgate.common.json.JsonObjectParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * An access token this client sends to the broker. Immutable.
 *
 * <p>The client cannot verify the token (it has no business knowing the IdP's keys); when it is a
 * JWT, its claims are only read to learn when it expires, so that Kafka's refresh thread
 * ({@code sasl.login.refresh.*}) renews it in time. The broker does the verifying.
 *
 * <p>Lifetime, as Kafka expects it ({@link #lifetimeMs()}: absolute expiry in epoch millis):
 * the JWT's {@code exp}; else the token response's {@code expires_in} counted from when the request
 * was sent; else {@link #DEFAULT_LIFETIME} (opaque tokens given statically or in a file).
 */
public final class ClientAccessToken implements OAuthBearerToken {
    /** Assumed lifetime of an opaque token without {@code expires_in}: Kafka re-reads it this often. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    /** RFC 6750 b64token: the only characters Kafka's SASL client accepts in a bearer token. */
    static final Pattern SENDABLE = Pattern.compile("[-_~+/.a-zA-Z0-9]+=*");

    private final String value;
    private final Set<String> scope;
    private final long lifetimeMs;
    private final long startTimeMs;
    private final String principalName;

    private ClientAccessToken(String value, Set<String> scope, long lifetimeMs, long startTimeMs, String principalName) {
        this.value = value;
        this.scope = Set.copyOf(scope);
        this.lifetimeMs = lifetimeMs;
        this.startTimeMs = startTimeMs;
        this.principalName = principalName;
    }

    /**
     * A token from a token endpoint response.
     *
     * @param requestedAt      when the request was sent: {@code expires_in} counts from there
     * @param expiresInSeconds the response's {@code expires_in}, if any
     * @param responseScope    the response's {@code scope}, if any
     * @param clientId         principal name when the token names none
     * @param requestedScope   the scope asked for: RFC 6749 §5.1 says it was granted when the response has none
     */
    static ClientAccessToken fromTokenResponse(String value, Instant requestedAt, Optional<Long> expiresInSeconds,
                                               Optional<String> responseScope, String clientId,
                                               Optional<String> requestedScope) {
        Optional<Map<String, Object>> claims = claims(value);
        long lifetime = claims.flatMap(c -> epochMillis(c, "exp"))
                .orElseGet(() -> requestedAt.plusSeconds(expiresInSeconds.orElse(DEFAULT_LIFETIME.toSeconds())).toEpochMilli());
        Set<String> scope = responseScope.map(ClientAccessToken::split)
                .or(() -> claims.flatMap(ClientAccessToken::scopeClaim))
                .orElseGet(() -> requestedScope.map(ClientAccessToken::split).orElse(Set.of()));
        return new ClientAccessToken(value, scope, lifetime, start(claims, requestedAt),
                principal(claims).orElse(clientId));
    }

    /** A token configured statically or read from a file: only the token itself tells its lifetime. */
    static ClientAccessToken fromTokenOnly(String value, Instant now) {
        Optional<Map<String, Object>> claims = claims(value);
        long lifetime = claims.flatMap(c -> epochMillis(c, "exp"))
                .orElseGet(() -> now.plus(DEFAULT_LIFETIME).toEpochMilli());
        return new ClientAccessToken(value, claims.flatMap(ClientAccessToken::scopeClaim).orElse(Set.of()),
                lifetime, start(claims, now), principal(claims).orElse("unknown"));
    }

    /** Whether Kafka's SASL client can send this value (RFC 6750 b64token). */
    static boolean isSendable(String value) {
        return SENDABLE.matcher(value).matches();
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public Set<String> scope() {
        return scope;
    }

    @Override
    public long lifetimeMs() {
        return lifetimeMs;
    }

    /** Only for logs: the broker decides the principal from the validated token. */
    @Override
    public String principalName() {
        return principalName;
    }

    @Override
    public Long startTimeMs() {
        return startTimeMs;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(lifetimeMs);
    }

    /** Never shows the token: toString ends up in logs, so the IdP's text in it is made printable. */
    @Override
    public String toString() {
        return "ClientAccessToken[principal=" + Sanitizer.sanitize(principalName) + ", scope="
                + Sanitizer.sanitize(String.valueOf(scope), 200)
                + ", start=" + Instant.ofEpochMilli(startTimeMs) + ", expires=" + expiresAt() + "]";
    }

    /**
     * The claims of a signed JWT ({@code header.payload.signature}), decoded, not verified (see the
     * class comment). Anything else, an encrypted JWT (five parts) included, is an opaque token.
     */
    private static Optional<Map<String, Object>> claims(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            if (!(JsonObjectParser.parse(base64UrlText(parts[0])).get("alg") instanceof String)) {
                return Optional.empty();
            }
            return Optional.of(JsonObjectParser.parse(base64UrlText(parts[1])));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String base64UrlText(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** A NumericDate claim (RFC 7519 §2: seconds since the epoch) in millis; absent if not a number. */
    private static Optional<Long> epochMillis(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value instanceof Number ? Optional.of(((Number) value).longValue() * 1000L) : Optional.empty();
    }

    private static long start(Optional<Map<String, Object>> claims, Instant fallback) {
        return claims.flatMap(c -> epochMillis(c, "iat"))
                .orElse(fallback.toEpochMilli());
    }

    private static Optional<String> principal(Optional<Map<String, Object>> claims) {
        return claims.flatMap(c -> stringClaim(c, "sub").or(() -> stringClaim(c, "client_id"))
                .or(() -> stringClaim(c, "azp")));
    }

    private static Optional<String> stringClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value instanceof String && !((String) value).isBlank() ? Optional.of((String) value) : Optional.empty();
    }

    /**
     * {@code scope} (OAuth, space-separated) or {@code scp} (Entra ID, Okta; string or array), read
     * as the broker reads them ({@link ScopeClaim}).
     */
    private static Optional<Set<String>> scopeClaim(Map<String, Object> claims) {
        for (String name : List.of("scope", "scp")) {
            Object value = claims.get(name);
            if (value instanceof String || value instanceof List<?>) {
                return Optional.of(new LinkedHashSet<>(ScopeClaim.of(name).scopes(claims)));
            }
        }
        return Optional.empty();
    }

    /** A scope string of a token request or response (RFC 6749 §3.3, §5.1): space-separated. */
    private static Set<String> split(String scope) {
        return new LinkedHashSet<>(ScopeClaim.split(scope));
    }
}
