package io.claimgate.server.validation;

import io.claimgate.server.ValidatedToken;
import java.util.List;
import java.util.Optional;

/**
 * What validates the tokens of one issuer: local JWT validation (JWKS), introspection, or both.
 * A JWT goes to local validation when there is a JWKS, else to introspection; an opaque token goes
 * to introspection.
 *
 * @param id            the issuer's name ({@code oauth.issuers}, or {@code default})
 * @param jwt           local JWT validation; empty = none (introspection-only issuer)
 * @param introspection RFC 7662 introspection; empty = none
 * @param resources     closed with the pipeline (JWKS refresh thread, ...)
 */
public record IssuerPipeline(String id, Optional<JwtValidator> jwt, Optional<IntrospectionValidator> introspection,
                             List<AutoCloseable> resources) implements AutoCloseable {

    public IssuerPipeline {
        if (jwt.isEmpty() && introspection.isEmpty()) {
            throw new IllegalArgumentException("issuer " + id + " has no way to validate tokens");
        }
        resources = List.copyOf(resources);
    }

    public boolean introspects() {
        return introspection.isPresent();
    }

    public ValidatedToken validateJwt(String token, CompactJws parsed) throws TokenValidationException {
        return jwt.isPresent() ? jwt.get().validate(token, parsed) : introspection.orElseThrow().validate(token);
    }

    public ValidatedToken validateOpaque(String token) throws TokenValidationException {
        return introspection.orElseThrow().validate(token);
    }

    @Override
    public void close() {
        jwt.ifPresent(JwtValidator::close);
        introspection.ifPresent(IntrospectionValidator::close);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing only stops daemon threads
            }
        }
    }
}
