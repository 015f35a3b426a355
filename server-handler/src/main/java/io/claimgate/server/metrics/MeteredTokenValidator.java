package io.claimgate.server.metrics;

import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidator;
import java.util.Map;

/**
 * The outermost layer: counts every validation by outcome, reason and issuer, and times it
 * (cache hits included). Rethrows everything unchanged.
 */
public final class MeteredTokenValidator implements TokenValidator {
    private final TokenValidator delegate;
    private final ValidatorMetrics metrics;
    private final Map<String, String> issuerIdByIss;
    private final String defaultIssuerId;

    /**
     * @param issuerIdByIss   the configured issuers' names by their expected {@code iss}
     * @param defaultIssuerId the issuer to count when none is known: the only one, or {@code unknown}
     */
    public MeteredTokenValidator(TokenValidator delegate, ValidatorMetrics metrics, Map<String, String> issuerIdByIss,
                                 String defaultIssuerId) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.issuerIdByIss = Map.copyOf(issuerIdByIss);
        this.defaultIssuerId = defaultIssuerId;
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        long start = System.nanoTime();
        try {
            ValidatedToken validated = delegate.validate(token);
            String issuer = validated.issuer() == null ? defaultIssuerId
                    : issuerIdByIss.getOrDefault(validated.issuer(), defaultIssuerId);
            metrics.validation(true, "none", issuer, System.nanoTime() - start);
            return validated;
        } catch (TokenValidationException e) {
            metrics.validation(false, e.reason().name(), e.issuerId() != null ? e.issuerId() : defaultIssuerId,
                    System.nanoTime() - start);
            throw e;
        } catch (RuntimeException | Error e) {
            metrics.validation(false, Reason.INTERNAL_ERROR.name(), defaultIssuerId, System.nanoTime() - start);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            metrics.close();
        }
    }
}
