package io.claimgate.server.validation;

import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import java.util.Optional;

/**
 * What validates the tokens of one issuer: local JWT validation (JWKS), introspection, or both.
 * A JWT goes to local validation when there is a JWKS, else to introspection; an opaque token goes
 * to introspection. A rejection leaves here naming {@link #issuer()}.
 *
 * @param issuer        the configured issuer; the tokens accepted here carry this very instance
 * @param jwt           local JWT validation; empty = none (introspection-only issuer)
 * @param introspection RFC 7662 introspection; empty = none
 */
public record IssuerPipeline(Issuer issuer, Optional<JwtValidator> jwt, Optional<IntrospectionValidator> introspection)
        implements AutoCloseable {

    public IssuerPipeline {
        if (jwt.isEmpty() && introspection.isEmpty()) {
            throw new IllegalArgumentException("issuer " + issuer.id() + " has no way to validate tokens");
        }
    }

    public boolean introspects() {
        return introspection.isPresent();
    }

    public ValidatedToken validateJwt(String token, CompactJws parsed) throws TokenValidationException {
        try {
            return jwt.isPresent() ? jwt.get().validate(token, parsed) : introspection.orElseThrow().validate(token);
        } catch (TokenValidationException e) {
            throw e.withIssuer(issuer);
        }
    }

    public ValidatedToken validateOpaque(String token) throws TokenValidationException {
        try {
            return introspection.orElseThrow().validate(token);
        } catch (TokenValidationException e) {
            throw e.withIssuer(issuer);
        }
    }

    @Override
    public void close() {
        jwt.ifPresent(JwtValidator::close);
        introspection.ifPresent(IntrospectionValidator::close);
    }
}
