package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.HashMap;
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
 * The token is split and its header parsed once here and handed on. The payload is parsed here
 * only with several issuers (to read {@code iss}); with one it is parsed after the signature
 * verified.
 */
public final class TokenRouter implements TokenValidator {
    private final TokenParser parser;
    private final List<IssuerPipeline> issuers;
    private final Map<String, IssuerPipeline> byIssuer;
    private final Optional<IssuerPipeline> introspecting;

    /**
     * @param parser  with the largest {@code oauth.max.token.bytes} of all issuers (each still applies its own)
     * @param issuers one or more; with several, each is chosen by its expected {@code iss}
     */
    public TokenRouter(TokenParser parser, List<IssuerPipeline> issuers) {
        this.parser = parser;
        this.issuers = List.copyOf(issuers);
        Map<String, IssuerPipeline> byIss = new HashMap<>();
        for (IssuerPipeline pipeline : issuers) {
            pipeline.issuer().expectedIssuer().ifPresent(iss -> byIss.put(iss, pipeline));
        }
        this.byIssuer = Map.copyOf(byIss);
        this.introspecting = issuers.stream().filter(IssuerPipeline::introspects).findFirst();
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        parser.checkSize(token);
        IssuerPipeline single = issuers.size() == 1 ? issuers.get(0) : null;
        if (single != null && single.jwt().isEmpty()) {
            return single.validateOpaque(token);   // introspection-only: every token goes there
        }
        CompactJws jws;
        try {
            jws = parser.split(token);
        } catch (TokenValidationException e) {
            // Not a JWT at all (MALFORMED): maybe an opaque token. Unsigned and encrypted JWTs are not.
            if (e.reason() == Reason.MALFORMED && introspecting.isPresent()) {
                return introspecting.get().validateOpaque(token);
            }
            // Say why an opaque token has nowhere to go, for the operator who turned introspection off.
            throw e.reason() != Reason.MALFORMED ? e : new TokenValidationException(Reason.MALFORMED,
                    e.detail() + "; opaque tokens are not introspected here (oauth.introspection.enabled)");
        }
        IssuerPipeline pipeline = single != null ? single : route(jws);
        return pipeline.validateJwt(token, jws);
    }

    private IssuerPipeline route(CompactJws jws) throws TokenValidationException {
        String kid = jws.header().keyId();
        String issuer;
        try {
            issuer = jws.claims().issuer();
        } catch (TokenValidationException e) {
            throw e.withContext(kid, null, null);
        }
        if (issuer == null) {
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
