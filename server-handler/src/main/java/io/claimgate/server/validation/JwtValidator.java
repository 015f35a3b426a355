package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.jwks.JwksCache;
import java.time.Clock;

/**
 * Local validation of a signed JWT, as a fixed pipeline of small steps:
 * parse → algorithm allow-list → {@code typ} → key selection → signature → claims → mapping.
 * The order matters: nothing in the payload is interpreted before the signature verified, and no
 * key is looked up for an algorithm that is not allowed. Thread-safe; immutable apart from the
 * JWKS cache it owns.
 */
public final class JwtValidator implements TokenValidator {
    private final TokenParser parser;
    private final AlgorithmPolicy algorithms;
    private final TokenTypePolicy types;
    private final KeySelector keys;
    private final SignatureCheck signatures;
    private final ClaimsVerifier claims;
    private final TokenMapper mapper;
    private final AutoCloseable resources;

    public JwtValidator(TokenParser parser, AlgorithmPolicy algorithms, TokenTypePolicy types, KeySelector keys,
                        SignatureCheck signatures, ClaimsVerifier claims, TokenMapper mapper, AutoCloseable resources) {
        this.parser = parser;
        this.algorithms = algorithms;
        this.types = types;
        this.keys = keys;
        this.signatures = signatures;
        this.claims = claims;
        this.mapper = mapper;
        this.resources = resources;
    }

    /**
     * The standard pipeline for {@code options}, with keys from {@code jwks}, closing {@code release}
     * (the lease of a cache shared with other validators) when closed.
     */
    public static JwtValidator create(IssuerOptions options, Issuer issuer, JwksCache jwks, AutoCloseable release,
                                      Clock clock) {
        return new JwtValidator(
                new TokenParser(options.maxTokenBytes()),
                new AlgorithmPolicy(options.allowedAlgorithms()),
                new TokenTypePolicy(options.allowedTokenTypes()),
                new JwksKeySelector(jwks),
                new SignatureCheck(),
                claimsVerifier(options, clock),
                mapper(options, issuer),
                release);
    }

    /** The claim checks of an issuer: shared by JWT validation and introspection. */
    public static ClaimsVerifier claimsVerifier(IssuerOptions options, Clock clock) {
        return new ClaimsVerifier(clock, options.clockSkew(), options.expectedIssuer(), options.validAudiences(),
                options.requiredScopes(), options.scopeClaim(), options.maxTokenLifetime(),
                options.claimCheck().map(ClaimCheck::new));
    }

    /** Claims to principal, groups, scopes: shared by JWT validation and introspection. */
    public static TokenMapper mapper(IssuerOptions options, Issuer issuer) {
        return new TokenMapper(issuer, options.claimMapping());
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        return validate(token, parser.parse(token));
    }

    /** For a token already split (by the issuer router): this issuer's size limit still applies. */
    public ValidatedToken validate(String token, CompactJws jws) throws TokenValidationException {
        parser.checkSize(token);   // no copy, no scan: a length comparison for any token well below the limit
        JoseHeader header = jws.header();
        String issuer = null;
        String principal = null;
        try {
            JWSAlgorithm algorithm = algorithms.check(header.algorithm());
            types.check(header.type());
            signatures.verify(jws, algorithm, keys.select(header.keyId(), algorithm));
            // With one issuer the payload is decoded and parsed only now, after the signature verified;
            // with several the router has already parsed it to read iss (only to choose the issuer),
            // and jws.claims() returns that same parse.
            JwtClaims claimSet = jws.claims();
            issuer = claimSet.issuer();
            principal = mapper.principalIfPresent(claimSet);
            claims.verify(claimSet);
            return mapper.map(token, claimSet, principal);
        } catch (TokenValidationException e) {
            throw e.withContext(header.keyId(), issuer, principal);
        }
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // Closing only stops a daemon thread; nothing to recover.
        }
    }
}
