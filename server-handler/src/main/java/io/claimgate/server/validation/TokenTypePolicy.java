package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Optional step after the algorithm check: the JWT's {@code typ} header must be one of
 * {@code oauth.allowed.token.types}, e.g. {@code at+jwt} (RFC 9068 access tokens) or {@code JWT}.
 * This keeps other JWTs the IdP signs with the same keys (ID tokens, logout tokens) from being
 * used as access tokens. Compared case-insensitively, with an {@code application/} prefix ignored
 * (RFC 7515 §4.1.9). A token without {@code typ} is rejected when the check is on.
 */
public final class TokenTypePolicy {
    private final Set<String> allowed;
    private final String allowedNames;

    /** @param allowed the configured types; empty = no check */
    public TokenTypePolicy(Set<String> allowed) {
        this.allowed = allowed.stream().map(TokenTypePolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.allowedNames = new TreeSet<>(allowed).toString();
    }

    public static String normalize(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }

    /** @param type the header's {@code typ}, or null */
    public void check(String type) throws TokenValidationException {
        if (allowed.isEmpty()) {
            return;
        }
        if (type == null) {
            throw new TokenValidationException(Reason.WRONG_TOKEN_TYPE, "token has no typ header"
                    + " (oauth.allowed.token.types: " + allowedNames + ")");
        }
        if (!allowed.contains(normalize(type))) {
            throw new TokenValidationException(Reason.WRONG_TOKEN_TYPE, "typ '" + Sanitizer.sanitize(type)
                    + "' is not allowed (oauth.allowed.token.types: " + allowedNames + ")");
        }
    }
}
