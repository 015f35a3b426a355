package io.claimgate.server.validation;

import io.claimgate.policy.cel.CompiledExpression;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the claims of one issuer's tokens must satisfy ({@link ClaimsVerifier}), for JWTs and
 * introspected tokens alike.
 *
 * @param expectedIssuer   the {@code iss} tokens must carry: {@code oauth.valid.issuer.uri}, else
 *                         {@code oauth.issuer.uri}; empty = unchecked
 * @param audiences        accepted {@code aud} values, any of; empty = audience not checked
 * @param requiredScopes   scopes a token must all carry
 * @param clockSkew        tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenLifetime longest accepted {@code exp - iat}; empty = no limit
 * @param claimCheck       {@code oauth.claim.check}, compiled; empty = none
 */
public record ClaimRules(Optional<String> expectedIssuer, List<String> audiences, List<String> requiredScopes,
                         Duration clockSkew, Optional<Duration> maxTokenLifetime,
                         Optional<CompiledExpression> claimCheck) {

    public ClaimRules {
        audiences = List.copyOf(audiences);
        requiredScopes = List.copyOf(requiredScopes);
    }
}
