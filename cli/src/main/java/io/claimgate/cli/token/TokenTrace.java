package io.claimgate.cli.token;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.ValidatorOptions;
import io.claimgate.server.validation.ClaimRules;
import io.claimgate.server.validation.JoseHeader;
import io.claimgate.server.validation.JwtClaims;
import io.claimgate.server.validation.ValidationObserver;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Prints each step of the broker's JWT pipeline as it passes. It is told only parsed parts of the
 * token (header, verified claims, the mapping), never the token or its signature; every
 * token-derived text goes through {@link Sanitizer}.
 */
final class TokenTrace implements ValidationObserver {
    private static final int MAX = 200;

    private final PrintStream out;
    private final ValidatorOptions options;
    private final Clock clock;

    TokenTrace(PrintStream out, ValidatorOptions options, Clock clock) {
        this.out = out;
        this.options = options;
        this.clock = clock;
    }

    @Override
    public void header(JoseHeader header) {
        out.println("header:      alg=" + clean(String.valueOf(header.algorithm())) + " kid=" + clean(header.keyId())
                + " typ=" + clean(header.type()));
    }

    @Override
    public void algorithmAllowed(JWSAlgorithm algorithm) {
        out.println("algorithm:   " + algorithm + " allowed");
    }

    @Override
    public void typeAccepted(String type) {
        out.println("typ:         " + (type == null ? "(none)" : clean(type)) + " accepted");
    }

    @Override
    public void keysSelected(List<String> keys) {
        out.println("key:         found " + clean(String.join(", ", keys)));
    }

    @Override
    public void signatureVerified() {
        out.println("signature:   valid");
    }

    @Override
    public void claimsVerified(JwtClaims claims) {
        ClaimRules rules = rulesFor(claims.issuer());
        out.println("iss:         " + clean(claims.issuer()) + rules.expectedIssuer().map(e -> " (expected, ok)")
                .orElse(" (not checked: no oauth.valid.issuer.uri)"));
        out.println("aud:         " + clean(String.valueOf(claims.audience())) + (rules.audiences().isEmpty()
                ? " (not checked: no oauth.valid.audience)" : " (one of " + rules.audiences() + ", ok)"));
        long skew = rules.clockSkew().toSeconds();
        out.println("exp:         " + time(claims.expiresAtMs()) + " (clock skew " + skew + " s, ok)");
        if (claims.notBeforeMs() != null) {
            out.println("nbf:         " + time(claims.notBeforeMs()) + " (clock skew " + skew + " s, ok)");
        }
        if (claims.issuedAtMs() != null) {
            out.println("iat:         " + time(claims.issuedAtMs()) + rules.maxTokenLifetime()
                    .map(max -> " (lifetime at most " + max.toSeconds() + " s, ok)").orElse(""));
        }
        out.println("scopes:      " + (rules.requiredScopes().isEmpty() ? "none required"
                : "required " + rules.requiredScopes() + ", present"));
        out.println("claim check: " + rules.claimCheck().map(c -> clean(c.source()) + " -> true").orElse("none"));
    }

    @Override
    public void mapped(ValidatedToken token) {
        out.println("mapping:     issuer '" + clean(token.issuer().id()) + "'");
    }

    /** The rules of the issuer that validated: the one expecting this {@code iss}, else the only one. */
    private ClaimRules rulesFor(String iss) {
        Optional<IssuerOptions> byIss = options.issuers().stream()
                .filter(i -> i.claims().expectedIssuer().filter(e -> e.equals(iss)).isPresent()).findFirst();
        return byIss.orElse(options.issuers().get(0)).claims();
    }

    private String time(Long ms) {
        if (ms == null) {
            return "(absent)";
        }
        long inSeconds = (ms - clock.millis()) / 1000;
        return Instant.ofEpochMilli(ms) + (inSeconds >= 0 ? " (in " + inSeconds + " s)" : " (" + -inSeconds + " s ago)");
    }

    static String clean(String text) {
        return text == null ? "(none)" : Sanitizer.sanitize(text, MAX);
    }

    static String cleanAll(java.util.Collection<String> texts) {
        return new TreeSet<>(texts).stream().map(TokenTrace::clean).toList().toString();
    }
}
