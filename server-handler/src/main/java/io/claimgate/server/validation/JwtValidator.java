package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.text.ParseException;
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

    /** The standard pipeline for {@code options}, with keys from {@code jwks} (closed with this validator). */
    public static JwtValidator create(IssuerOptions options, JwksCache jwks, Clock clock) {
        return create(options, jwks, jwks, clock);
    }

    /** The same, closing {@code release} instead of {@code jwks}: for a cache shared with other validators. */
    public static JwtValidator create(IssuerOptions options, JwksCache jwks, AutoCloseable release, Clock clock) {
        return new JwtValidator(
                new TokenParser(options.maxTokenBytes()),
                new AlgorithmPolicy(options.allowedAlgorithms()),
                new TokenTypePolicy(options.allowedTokenTypes()),
                new JwksKeySelector(jwks),
                new SignatureCheck(),
                claimsVerifier(options, clock),
                mapper(options),
                release);
    }

    /** The claim checks of an issuer: shared by JWT validation and introspection. */
    public static ClaimsVerifier claimsVerifier(IssuerOptions options, Clock clock) {
        return new ClaimsVerifier(clock, options.clockSkew(), options.expectedIssuer(), options.validAudiences(),
                options.requiredScopes(), options.scopeClaim(), options.maxTokenLifetime(),
                options.claimCheck().map(ClaimCheck::new));
    }

    /** Claims to principal, groups, scopes: shared by JWT validation and introspection. */
    public static TokenMapper mapper(IssuerOptions options) {
        return new TokenMapper(options.usernameClaims(), options.usernamePrefix(), options.groupsClaim(),
                options.scopeClaim());
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        return validate(token, parser.parse(token));
    }

    /** For a token already parsed (by the issuer router): the size limit still applies. */
    public ValidatedToken validate(String token, SignedJWT jwt) throws TokenValidationException {
        parser.checkSize(token);
        String kid = jwt.getHeader().getKeyID();
        String issuer = null;
        String principal = null;
        try {
            JWSAlgorithm algorithm = algorithms.check(jwt);
            types.check(jwt);
            signatures.verify(jwt, keys.select(jwt.getHeader(), algorithm));
            JWTClaimsSet claimSet = claimsOf(jwt);
            issuer = claimSet.getIssuer();
            principal = mapper.principalIfPresent(claimSet);
            claims.verify(claimSet);
            return mapper.map(token, claimSet);
        } catch (TokenValidationException e) {
            throw e.withContext(kid, issuer, principal);
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) throws TokenValidationException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenValidationException(Reason.MALFORMED, "payload is not a valid JWT claims set");
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
