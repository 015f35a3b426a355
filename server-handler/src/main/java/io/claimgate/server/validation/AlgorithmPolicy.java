package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Step 2: the header's {@code alg} must be on the allow-list before any key is looked at. This is
 * what stops key-confusion attacks: a token "signed" with HS256 using the RSA public key as the
 * HMAC secret is refused here, before it could reach a verifier.
 *
 * <p>Header parameters that point at keys ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) are
 * deliberately ignored everywhere: keys come only from the configured JWKS, never from the token.
 */
public final class AlgorithmPolicy {
    private final Set<JWSAlgorithm> allowed;
    private final String allowedNames;

    public AlgorithmPolicy(Set<JWSAlgorithm> allowed) {
        this.allowed = Set.copyOf(allowed);
        this.allowedNames = allowed.stream().map(JWSAlgorithm::getName)
                .collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    public JWSAlgorithm check(JWSAlgorithm algorithm) throws TokenValidationException {
        // JWSAlgorithm equality is by name, exact and case-sensitive as JOSE requires.
        if (algorithm == null || !allowed.contains(algorithm)) {
            throw new TokenValidationException(Reason.ALGORITHM_NOT_ALLOWED, "alg '"
                    + Sanitizer.sanitize(algorithm == null ? "" : algorithm.getName())
                    + "' is not allowed (oauth.allowed.algorithms: " + allowedNames + ")");
        }
        return algorithm;
    }
}
