package io.claimgate.server.validation;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each token to the pipeline that can validate it.
 *
 * <ul>
 *   <li>A signed JWT: with one issuer, to it; with several ({@code oauth.issuers}), to the issuer
 *       whose expected {@code iss} equals the token's. That {@code iss} is read from the
 *       <em>unverified</em> payload only to choose; the chosen issuer then verifies everything,
 *       {@code iss} included. An unknown {@code iss} is rejected at once: nothing a token names
 *       ({@code iss}, {@code jku}, {@code x5u}, {@code kid}) ever makes the broker contact a URL that
 *       is not configured.</li>
 *   <li>Anything that does not parse as a JWT: to the one issuer that introspects, if any; else
 *       rejected as malformed.</li>
 * </ul>
 * The token is parsed once here and handed on.
 */
public final class TokenRouter implements TokenValidator {
    private final TokenParser parser;
    private final List<IssuerPipeline> issuers;
    private final Map<String, IssuerPipeline> byIssuer;
    private final Optional<IssuerPipeline> introspecting;

    /**
     * @param parser   with the largest {@code oauth.max.token.bytes} of all issuers (each still applies its own)
     * @param issuers  one or more
     * @param byIssuer with several issuers: the pipelines by expected {@code iss}; ignored with one
     */
    public TokenRouter(TokenParser parser, List<IssuerPipeline> issuers, Map<String, IssuerPipeline> byIssuer) {
        this.parser = parser;
        this.issuers = List.copyOf(issuers);
        this.byIssuer = Map.copyOf(byIssuer);
        this.introspecting = issuers.stream().filter(IssuerPipeline::introspects).findFirst();
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        parser.checkSize(token);
        IssuerPipeline single = issuers.size() == 1 ? issuers.get(0) : null;
        if (single != null && single.jwt().isEmpty()) {
            return opaque(single, token);   // introspection-only: every token goes there
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            if (introspecting.isPresent()) {
                return opaque(introspecting.get(), token);
            }
            try {
                parser.parse(token);   // throws MALFORMED, saying what is wrong
            } catch (TokenValidationException notJwt) {
                // Say why an opaque token has nowhere to go, for the operator who turned introspection off.
                throw notJwt.reason() != Reason.MALFORMED ? notJwt : new TokenValidationException(Reason.MALFORMED,
                        notJwt.detail() + "; opaque tokens are not introspected here (oauth.introspection.enabled)");
            }
            throw new TokenValidationException(Reason.MALFORMED, "not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            parser.parse(token);   // throws UNSIGNED or ENCRYPTED
            throw new TokenValidationException(Reason.MALFORMED, "not a signed JWT");
        }
        IssuerPipeline pipeline = single != null ? single : route(signed);
        try {
            return pipeline.validateJwt(token, signed);
        } catch (TokenValidationException e) {
            throw e.withIssuerId(pipeline.id());
        }
    }

    private static ValidatedToken opaque(IssuerPipeline pipeline, String token) throws TokenValidationException {
        try {
            return pipeline.validateOpaque(token);
        } catch (TokenValidationException e) {
            throw e.withIssuerId(pipeline.id());
        }
    }

    private IssuerPipeline route(SignedJWT jwt) throws TokenValidationException {
        String kid = jwt.getHeader().getKeyID();
        Object iss;
        try {
            iss = jwt.getJWTClaimsSet().getClaim("iss");
        } catch (ParseException e) {
            throw new TokenValidationException(Reason.MALFORMED, "payload is not a valid JWT claims set")
                    .withContext(kid, null, null);
        }
        if (!(iss instanceof String issuer)) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "token has no iss claim; it is needed to pick"
                    + " one of the issuers of oauth.issuers").withContext(kid, null, null);
        }
        IssuerPipeline pipeline = byIssuer.get(issuer);
        if (pipeline == null) {
            throw new TokenValidationException(Reason.WRONG_ISSUER, "issuer '" + Sanitizer.sanitize(issuer)
                    + "' is not one of the issuers of oauth.issuers").withContext(kid, issuer, null);
        }
        return pipeline;
    }

    @Override
    public void close() {
        issuers.forEach(IssuerPipeline::close);
    }
}
