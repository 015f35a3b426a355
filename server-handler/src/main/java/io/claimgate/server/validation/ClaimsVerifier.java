package io.claimgate.server.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.claimgate.common.json.Json;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step 5: the claims of a token whose signature verified. Times allow {@code clockSkew} in the
 * token's favour, as broker and IdP clocks never agree exactly. The operator's own check
 * ({@code oauth.claim.check}, CEL) runs last.
 */
public final class ClaimsVerifier {
    private final Clock clock;
    private final Duration clockSkew;
    private final Optional<String> validIssuer;
    private final List<String> validAudiences;
    private final List<String> requiredScopes;
    private final String scopeClaim;
    private final Optional<Duration> maxLifetime;
    private final Optional<ClaimCheck> claimCheck;

    public ClaimsVerifier(Clock clock, Duration clockSkew, Optional<String> validIssuer, List<String> validAudiences,
                          List<String> requiredScopes, String scopeClaim, Optional<Duration> maxLifetime) {
        this(clock, clockSkew, validIssuer, validAudiences, requiredScopes, scopeClaim, maxLifetime, Optional.empty());
    }

    public ClaimsVerifier(Clock clock, Duration clockSkew, Optional<String> validIssuer, List<String> validAudiences,
                          List<String> requiredScopes, String scopeClaim, Optional<Duration> maxLifetime,
                          Optional<ClaimCheck> claimCheck) {
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.validIssuer = validIssuer;
        this.validAudiences = List.copyOf(validAudiences);
        this.requiredScopes = List.copyOf(requiredScopes);
        this.scopeClaim = scopeClaim;
        this.maxLifetime = maxLifetime;
        this.claimCheck = claimCheck;
    }

    public void verify(JWTClaimsSet claims) throws TokenValidationException {
        Instant now = clock.instant();
        verifyTimes(claims, now);
        verifyIssuer(claims);
        verifyAudience(claims);
        verifyScopes(claims);
        verifyLifetime(claims);
        if (claimCheck.isPresent()) {
            claimCheck.get().verify(claims.toJSONObject());   // JSON values: times as epoch seconds
        }
    }

    private void verifyTimes(JWTClaimsSet claims, Instant now) throws TokenValidationException {
        Instant exp = instant(claims.getExpirationTime());
        if (exp == null) {
            throw new TokenValidationException(Reason.MISSING_CLAIM, "token has no exp claim; tokens must expire");
        }
        if (now.isAfter(exp.plus(clockSkew))) {
            throw new TokenValidationException(Reason.EXPIRED, "token expired at " + exp + skew());
        }
        Instant nbf = instant(claims.getNotBeforeTime());
        if (nbf != null && now.plus(clockSkew).isBefore(nbf)) {
            throw new TokenValidationException(Reason.NOT_YET_VALID, "token is not valid before " + nbf + skew());
        }
        Instant iat = instant(claims.getIssueTime());
        if (iat != null && now.plus(clockSkew).isBefore(iat)) {
            throw new TokenValidationException(Reason.ISSUED_IN_FUTURE, "token issued at " + iat
                    + ", in the future" + skew());
        }
    }

    private void verifyIssuer(JWTClaimsSet claims) throws TokenValidationException {
        if (validIssuer.isEmpty()) {
            return;
        }
        String iss = claims.getIssuer();
        if (iss == null) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "token has no iss claim");
        }
        if (!validIssuer.get().equals(iss)) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "issuer '" + Sanitizer.sanitize(iss)
                    + "' is not the expected issuer (oauth.valid.issuer.uri, or oauth.issuer.uri)");
        }
    }

    private void verifyAudience(JWTClaimsSet claims) throws TokenValidationException {
        if (validAudiences.isEmpty()) {
            return;
        }
        List<String> aud = claims.getAudience();
        if (aud.isEmpty()) {
            throw new TokenValidationException(Reason.WRONG_AUDIENCE, "token has no aud claim");
        }
        if (aud.stream().noneMatch(validAudiences::contains)) {
            throw new TokenValidationException(Reason.WRONG_AUDIENCE, "audience "
                    + Sanitizer.sanitize(aud.stream().collect(Collectors.joining(", ", "[", "]")))
                    + " contains none of oauth.valid.audience");
        }
    }

    private void verifyScopes(JWTClaimsSet claims) throws TokenValidationException {
        if (requiredScopes.isEmpty()) {
            return;
        }
        Object scopeValue = Json.at(claims.getClaims(), scopeClaim).orElse(null);
        List<String> present = scopeValue instanceof String || scopeValue instanceof List<?>
                ? Json.stringList(scopeValue) : List.of();
        List<String> missing = requiredScopes.stream().filter(s -> !present.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new TokenValidationException(Reason.MISSING_SCOPE, "token lacks required scope(s) " + missing
                    + " in claim '" + scopeClaim + "'");
        }
    }

    private void verifyLifetime(JWTClaimsSet claims) throws TokenValidationException {
        if (maxLifetime.isEmpty()) {
            return;
        }
        Instant iat = instant(claims.getIssueTime());
        if (iat == null) {
            throw new TokenValidationException(Reason.MISSING_CLAIM,
                    "token has no iat claim, needed to check oauth.max.token.lifetime.seconds");
        }
        Duration lifetime = Duration.between(iat, instant(claims.getExpirationTime()));
        if (lifetime.compareTo(maxLifetime.get()) > 0) {
            throw new TokenValidationException(Reason.LIFETIME_TOO_LONG, "token lifetime " + lifetime.toSeconds()
                    + "s (iat to exp) exceeds oauth.max.token.lifetime.seconds=" + maxLifetime.get().toSeconds());
        }
    }

    private String skew() {
        return " (clock skew " + clockSkew.toSeconds() + "s)";
    }

    /** JWT times are whole seconds; printing them so keeps details short. */
    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant().truncatedTo(ChronoUnit.SECONDS);
    }
}
