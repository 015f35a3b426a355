package io.claimgate.server.validation;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.IssuerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

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
    private final ValidationObserver observer;

    private JwtValidator(Builder builder) {
        this.parser = new TokenParser(builder.format.maxBytes());
        this.algorithms = new AlgorithmPolicy(builder.format.algorithms());
        this.types = new TokenTypePolicy(builder.format.types());
        this.keys = Objects.requireNonNull(builder.keys, "keys");
        this.signatures = new SignatureCheck();
        this.claims = Objects.requireNonNull(builder.claims, "claims");
        this.mapper = Objects.requireNonNull(builder.mapper, "mapper");
        this.resources = builder.onClose;
        this.observer = builder.observer;
    }

    /** @param format size, algorithms and {@code typ} accepted */
    public static Builder builder(TokenFormat format) {
        return new Builder(Objects.requireNonNull(format, "format"));
    }

    /** The pipeline of one issuer with the claim checks and mapping it shares with introspection. */
    public static Builder builder(IssuerOptions options, Issuer issuer, Clock clock) {
        return builder(options.format()).claims(claimsVerifier(options, clock)).mapper(mapper(options, issuer));
    }

    /** The claim checks of an issuer: shared by JWT validation and introspection. */
    public static ClaimsVerifier claimsVerifier(IssuerOptions options, Clock clock) {
        return new ClaimsVerifier(clock, options.claims(), options.mapping().scopeClaim());
    }

    /** Claims to principal, groups, scopes: shared by JWT validation and introspection. */
    public static TokenMapper mapper(IssuerOptions options, Issuer issuer) {
        return new TokenMapper(issuer, options.mapping());
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
            observer.header(header);
            JWSAlgorithm algorithm = algorithms.check(header.algorithm());
            observer.algorithmAllowed(algorithm);
            types.check(header.type());
            observer.typeAccepted(header.type());
            List<VerificationKey> candidates = keys.select(header.keyId(), algorithm);
            if (observer != ValidationObserver.NONE) {
                observer.keysSelected(candidates.stream().map(k -> k.jwk().getKeyType().getValue() + " key '"
                        + k.jwk().getKeyID() + "'").toList());
            }
            signatures.verify(jws, algorithm, candidates);
            observer.signatureVerified();
            // With one issuer the payload is decoded and parsed only now, after the signature verified;
            // with several the router has already parsed it to read iss (only to choose the issuer),
            // and jws.claims() returns that same parse.
            JwtClaims claimSet = jws.claims();
            issuer = claimSet.issuer();
            principal = mapper.principalIfPresent(claimSet);
            claims.verify(claimSet);
            observer.claimsVerified(claimSet);
            ValidatedToken mapped = mapper.map(token, claimSet, principal);
            observer.mapped(mapped);
            return mapped;
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

    /** Collects the steps of a {@link JwtValidator}; keys, claims and mapper are required. */
    public static final class Builder {
        private final TokenFormat format;
        private KeySelector keys;
        private ClaimsVerifier claims;
        private TokenMapper mapper;
        private AutoCloseable onClose = () -> { };
        private ValidationObserver observer = ValidationObserver.NONE;

        private Builder(TokenFormat format) {
            this.format = format;
        }

        public Builder keys(KeySelector keys) {
            this.keys = keys;
            return this;
        }

        public Builder claims(ClaimsVerifier claims) {
            this.claims = claims;
            return this;
        }

        public Builder mapper(TokenMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /** @param onClose closed with the validator: the lease of a JWKS cache shared with other validators */
        public Builder onClose(AutoCloseable onClose) {
            this.onClose = Objects.requireNonNull(onClose, "onClose");
            return this;
        }

        /** @param observer told of each step that passed; for tools that explain a decision */
        public Builder observer(ValidationObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public JwtValidator build() {
            return new JwtValidator(this);
        }
    }
}
