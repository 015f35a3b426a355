package io.claimgate.server.validation;

import io.claimgate.common.json.JsonObject;
import io.claimgate.common.json.JsonObjectParser;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The claims of a token (JWT payload or introspection answer) as parsed JSON, with the registered
 * claims the checks need read once and type-checked as Nimbus' {@code JWTClaimsSet.parse} does:
 * {@code iss}, {@code sub}, {@code jti} strings; {@code aud} a string or an array of strings;
 * {@code exp}, {@code nbf}, {@code iat} numbers of seconds (a fraction is dropped).
 *
 * <p>{@link #json()} is what {@code ValidatedToken.claims()} and the CEL check see: the parsed map
 * itself, unless it has to be normalised as {@code JWTClaimsSet.toJSONObject()} did before
 * (top-level nulls and an empty {@code aud} left out, a one-element {@code aud} as a string, times
 * as whole seconds); then a copy. A typical access token needs no copy.
 */
public final class JwtClaims {
    private static final String[] TIMES = {"exp", "nbf", "iat"};

    private final Map<String, Object> json;
    private final String issuer;
    private final List<String> audience;
    private final Long expiresAtMs;
    private final Long notBeforeMs;
    private final Long issuedAtMs;
    private final byte[] source;

    private JwtClaims(Map<String, Object> json, String issuer, List<String> audience, Long expiresAtMs,
                      Long notBeforeMs, Long issuedAtMs, byte[] source) {
        this.json = json;
        this.source = source;
        this.issuer = issuer;
        this.audience = audience;
        this.expiresAtMs = expiresAtMs;
        this.notBeforeMs = notBeforeMs;
        this.issuedAtMs = issuedAtMs;
    }

    /** @throws ParseException a registered claim has the wrong type (the message names the claim only) */
    public static JwtClaims of(Map<String, Object> parsed) throws ParseException {
        return of(parsed, null);
    }

    /**
     * @param source the UTF-8 JSON text {@code parsed} is the {@link JsonObjectParser} parse of, or null:
     *               kept (see {@link #source()}) when the claims need no normalising
     * @throws ParseException a registered claim has the wrong type (the message names the claim only)
     */
    static JwtClaims of(Map<String, Object> parsed, byte[] source) throws ParseException {
        string(parsed, "sub");
        string(parsed, "jti");
        Long exp = seconds(parsed, "exp");
        Long nbf = seconds(parsed, "nbf");
        Long iat = seconds(parsed, "iat");
        Map<String, Object> json = normalized(parsed);
        return new JwtClaims(json, string(parsed, "iss"), audience(parsed.get("aud")),
                millis(exp), millis(nbf), millis(iat), json == parsed ? source : null);
    }

    /**
     * The UTF-8 JSON text that {@link #json()} is exactly the {@link JsonObjectParser} parse of, or null
     * (a normalised copy, or claims not parsed from one text). Not to be modified.
     */
    byte[] source() {
        return source;
    }

    public Map<String, Object> json() {
        return json;
    }

    /** {@code iss}, or null. */
    public String issuer() {
        return issuer;
    }

    /** {@code aud}, empty if absent. */
    public List<String> audience() {
        return audience;
    }

    /** {@code exp} in epoch milliseconds, or null. */
    public Long expiresAtMs() {
        return expiresAtMs;
    }

    /** {@code nbf} in epoch milliseconds, or null. */
    public Long notBeforeMs() {
        return notBeforeMs;
    }

    /** {@code iat} in epoch milliseconds, or null. */
    public Long issuedAtMs() {
        return issuedAtMs;
    }

    private static String string(Map<String, Object> json, String name) throws ParseException {
        Object value = json.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new ParseException("claim '" + name + "' is not a string", 0);
    }

    private static Long seconds(Map<String, Object> json, String name) throws ParseException {
        Object value = json.get(name);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new ParseException("claim '" + name + "' is not a number", 0);
    }

    private static List<String> audience(Object aud) throws ParseException {
        if (aud == null) {
            return List.of();
        }
        if (aud instanceof String single) {
            return List.of(single);
        }
        if (aud instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String)) {
                    throw new ParseException("claim 'aud' is not a string or an array of strings", 0);
                }
            }
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return List.copyOf(strings);
        }
        throw new ParseException("claim 'aud' is not a string or an array of strings", 0);
    }

    /** Saturating: an absurd {@code exp} far in the future must not wrap around into the past. */
    private static Long millis(Long seconds) {
        if (seconds == null) {
            return null;
        }
        long limit = Long.MAX_VALUE / 1000;
        return seconds > limit ? Long.MAX_VALUE : seconds < -limit ? Long.MIN_VALUE : seconds * 1000;
    }

    private static Map<String, Object> normalized(Map<String, Object> parsed) {
        if (!needsNormalizing(parsed)) {
            return parsed;
        }
        JsonObject.Builder copy = JsonObject.builder(parsed.size());
        parsed.forEach((name, value) -> {
            Object normal = switch (name) {
                case "exp", "nbf", "iat" -> value instanceof Number n ? (Object) n.longValue() : value;
                case "aud" -> value instanceof List<?> list && list.size() <= 1
                        ? (list.isEmpty() ? null : list.get(0)) : value;
                default -> value;
            };
            if (normal != null) {
                copy.put(name, normal);
            }
        });
        return copy.build();
    }

    private static boolean needsNormalizing(Map<String, Object> parsed) {
        if (parsed.containsValue(null)) {
            return true;
        }
        for (String time : TIMES) {
            Object value = parsed.get(time);
            if (value != null && !(value instanceof Long)) {
                return true;
            }
        }
        return parsed.get("aud") instanceof List<?> list && list.size() <= 1;
    }
}
