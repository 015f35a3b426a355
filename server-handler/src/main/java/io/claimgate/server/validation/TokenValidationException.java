package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.Issuer;
import java.util.Objects;
import java.util.Optional;

/**
 * A token was rejected. Carries a machine-readable {@link Reason} and a short human detail that is
 * shown both in the broker log and to the client (inside its {@code SaslAuthenticationException}),
 * so the detail must never contain the token, a secret or unsanitized token content: every
 * token-derived string in it goes through {@link Sanitizer} first.
 *
 * <p>The optional context ({@code kid}, {@code iss}, principal) is for the broker log only; it is
 * filled in as the pipeline learns more about the token, already sanitized.
 */
public final class TokenValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a token was rejected. Stable names: they appear in logs and client errors. */
    public enum Reason {
        MALFORMED,
        TOO_LARGE,
        UNSIGNED,
        ENCRYPTED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        KEYS_UNAVAILABLE,
        BAD_SIGNATURE,
        MISSING_CLAIM,
        EXPIRED,
        NOT_YET_VALID,
        ISSUED_IN_FUTURE,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        MISSING_SCOPE,
        LIFETIME_TOO_LONG,
        NO_PRINCIPAL,
        /**
         * The principal name or a group name in the token breaks the name rules (whitespace at an
         * end, control, format or invisible characters, ...): refused, never trimmed into another name.
         */
        INVALID_PRINCIPAL,
        /** The claims do not satisfy {@code oauth.claim.check}, or it could not be evaluated for them. */
        CLAIM_CHECK_FAILED,
        /** The JWT {@code typ} header is not one of {@code oauth.allowed.token.types}. */
        WRONG_TOKEN_TYPE,
        /** The IdP's introspection endpoint says the token is not active (revoked, expired, unknown). */
        INACTIVE,
        /** The introspection endpoint could not be asked, or gave an unusable answer. */
        INTROSPECTION_FAILED,
        /** A bug or an unexpected library failure: the token is rejected rather than let through. */
        INTERNAL_ERROR
    }

    private final Reason reason;
    private final String detail;
    private final String kid;
    private final String iss;
    private final String principal;
    private final Issuer issuer;

    public TokenValidationException(Reason reason, String detail) {
        this(reason, detail, null, null, null, null, null);
    }

    public TokenValidationException(Reason reason, String detail, Throwable cause) {
        this(reason, detail, null, null, null, null, cause);
    }

    private TokenValidationException(Reason reason, String detail, String kid, String iss, String principal,
                                     Issuer issuer, Throwable cause) {
        // No stack trace: rejections are routine and frequent, and the reason says what happened.
        super(reason + ": " + detail, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.kid = kid;
        this.iss = iss;
        this.principal = principal;
        this.issuer = issuer;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** A copy that also names what is known of the token (values sanitized here); null = unknown. */
    public TokenValidationException withContext(String kid, String iss, String principal) {
        return new TokenValidationException(reason, detail,
                kid == null ? this.kid : Sanitizer.sanitize(kid),
                iss == null ? this.iss : Sanitizer.sanitize(iss),
                principal == null ? this.principal : Sanitizer.sanitize(principal),
                issuer, getCause());
    }

    /** A copy naming the configured issuer whose rules rejected the token. */
    public TokenValidationException withIssuer(Issuer rejectedBy) {
        return new TokenValidationException(reason, detail, kid, iss, principal, rejectedBy, getCause());
    }

    /** The configured issuer whose rules rejected the token; empty when none was chosen (unknown {@code iss}). */
    public Optional<Issuer> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** For the broker log: {@code kid=..., iss=..., principal=...}, only the parts known; may be empty. */
    public String context() {
        StringBuilder out = new StringBuilder();
        append(out, "kid", kid);
        append(out, "iss", iss);
        append(out, "principal", principal);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : ", ").append(name).append('=').append(value);
        }
    }
}
