package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.common.claims.ScopeClaim;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private final ScopeClaim scopeClaim;
    private final Optional<Duration> maxLifetime;
    private final Optional<ClaimCheck> claimCheck;

    /** @param scopeClaim where {@code rules.requiredScopes()} are looked for */
    public ClaimsVerifier(Clock clock, ClaimRules rules, ScopeClaim scopeClaim) {
        this.clock = clock;
        this.clockSkew = rules.clockSkew();
        this.validIssuer = rules.expectedIssuer();
        this.validAudiences = rules.audiences();
        this.requiredScopes = rules.requiredScopes();
        this.scopeClaim = scopeClaim;
        this.maxLifetime = rules.maxTokenLifetime();
        this.claimCheck = rules.claimCheck().map(ClaimCheck::new);
    }

    public void verify(JwtClaims claims) throws TokenValidationException {
        long now = clock.millis();
        verifyTimes(claims, now);
        verifyIssuer(claims);
        verifyAudience(claims);
        verifyScopes(claims);
        verifyLifetime(claims);
        if (claimCheck.isPresent()) {
            claimCheck.get().verify(claims.json());   // JSON values: times as epoch seconds
        }
    }

    /** In epoch milliseconds, saturating: an absurd time in a token must not wrap around. */
    private void verifyTimes(JwtClaims claims, long now) throws TokenValidationException {
        Long exp = claims.expiresAtMs();
        if (exp == null) {
            throw new TokenValidationException(Reason.MISSING_CLAIM, "token has no exp claim; tokens must expire");
        }
        long skewMs = clockSkew.toMillis();
        long earliest = now - skewMs;
        long latest = now + skewMs;
        if (earliest > exp) {
            throw new TokenValidationException(Reason.EXPIRED, "token expired at " + instant(exp) + skew());
        }
        Long nbf = claims.notBeforeMs();
        if (nbf != null && latest < nbf) {
            throw new TokenValidationException(Reason.NOT_YET_VALID, "token is not valid before " + instant(nbf) + skew());
        }
        Long iat = claims.issuedAtMs();
        if (iat != null && latest < iat) {
            throw new TokenValidationException(Reason.ISSUED_IN_FUTURE, "token issued at " + instant(iat)
                    + ", in the future" + skew());
        }
    }

    private void verifyIssuer(JwtClaims claims) throws TokenValidationException {
        if (validIssuer.isEmpty()) {
            return;
        }
        String iss = claims.issuer();
        if (iss == null) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "token has no iss claim");
        }
        if (!validIssuer.get().equals(iss)) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "issuer '" + Sanitizer.sanitize(iss)
                    + "' is not the expected issuer (oauth.valid.issuer.uri, or oauth.issuer.uri)");
        }
    }

    private void verifyAudience(JwtClaims claims) throws TokenValidationException {
        if (validAudiences.isEmpty()) {
            return;
        }
        List<String> aud = claims.audience();
        if (aud.isEmpty()) {
            throw new TokenValidationException(Reason.WRONG_AUDIENCE, "token has no aud claim");
        }
        if (!containsAny(aud)) {
            throw new TokenValidationException(Reason.WRONG_AUDIENCE, "audience "
                    + Sanitizer.sanitize(aud.stream().collect(Collectors.joining(", ", "[", "]")))
                    + " contains none of oauth.valid.audience");
        }
    }

    private boolean containsAny(List<String> aud) {
        for (String audience : aud) {
            if (validAudiences.contains(audience)) {
                return true;
            }
        }
        return false;
    }

    private void verifyScopes(JwtClaims claims) throws TokenValidationException {
        if (requiredScopes.isEmpty()) {
            return;
        }
        List<String> present = scopeClaim.scopes(claims.json());
        List<String> missing = requiredScopes.stream().filter(s -> !present.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new TokenValidationException(Reason.MISSING_SCOPE, "token lacks required scope(s) " + missing
                    + " in claim '" + Sanitizer.sanitize(scopeClaim.name()) + "'" + (hasComma(present)
                    ? " (scopes are separated by spaces; a comma is part of a scope unless"
                    + " oauth.scope.claim.separators=space,comma)" : ""));
        }
    }

    private static boolean hasComma(List<String> scopes) {
        for (String scope : scopes) {
            if (scope.indexOf(',') >= 0) {
                return true;
            }
        }
        return false;
    }

    private void verifyLifetime(JwtClaims claims) throws TokenValidationException {
        if (maxLifetime.isEmpty()) {
            return;
        }
        Long iat = claims.issuedAtMs();
        if (iat == null) {
            throw new TokenValidationException(Reason.MISSING_CLAIM,
                    "token has no iat claim, needed to check oauth.max.token.lifetime.seconds");
        }
        Duration lifetime = Duration.between(instant(iat), instant(claims.expiresAtMs()));
        if (lifetime.compareTo(maxLifetime.get()) > 0) {
            throw new TokenValidationException(Reason.LIFETIME_TOO_LONG, "token lifetime " + lifetime.toSeconds()
                    + "s (iat to exp) exceeds oauth.max.token.lifetime.seconds=" + maxLifetime.get().toSeconds());
        }
    }

    private String skew() {
        return " (clock skew " + clockSkew.toSeconds() + "s)";
    }

    /** JWT times are whole seconds; printing them so keeps details short. */
    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
    }
}
