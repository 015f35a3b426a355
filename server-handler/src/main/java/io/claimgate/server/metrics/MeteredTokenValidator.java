package io.claimgate.server.metrics;

import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidator;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;

/**
 * The outermost layer: counts every validation by outcome, reason and issuer (cache hits
 * included). Rethrows everything unchanged. The accepted-counters are resolved once per issuer:
 * on a cache hit, counting is a good part of the cost. The time is taken under the cache
 * ({@link TimedTokenValidator}).
 */
public final class MeteredTokenValidator implements TokenValidator {
    private final TokenValidator delegate;
    private final ValidatorMetrics metrics;
    private final Map<String, Counter> acceptedByIss;
    private final Counter acceptedDefault;
    private final String defaultIssuerId;

    /**
     * @param issuerIdByIss   the configured issuers' names by their expected {@code iss}
     * @param defaultIssuerId the issuer to count when none is known: the only one, or {@code unknown}
     */
    public MeteredTokenValidator(TokenValidator delegate, ValidatorMetrics metrics, Map<String, String> issuerIdByIss,
                                 String defaultIssuerId) {
        this.delegate = delegate;
        this.metrics = metrics;
        Map<String, Counter> accepted = new HashMap<>();
        issuerIdByIss.forEach((iss, id) -> accepted.put(iss, metrics.accepted(id)));
        this.acceptedByIss = Map.copyOf(accepted);
        this.acceptedDefault = metrics.accepted(defaultIssuerId);
        this.defaultIssuerId = defaultIssuerId;
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        try {
            ValidatedToken validated = delegate.validate(token);
            String iss = validated.issuer();
            (iss == null ? acceptedDefault : acceptedByIss.getOrDefault(iss, acceptedDefault)).increment();
            return validated;
        } catch (TokenValidationException e) {
            metrics.rejected(e.reason().name(), e.issuerId() != null ? e.issuerId() : defaultIssuerId);
            throw e;
        } catch (RuntimeException | Error e) {
            metrics.rejected(Reason.INTERNAL_ERROR.name(), defaultIssuerId);
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
