package io.claimgate.server.metrics;

import io.claimgate.server.Issuer;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outermost layer: counts every validation by outcome, reason and issuer (cache hits
 * included), under the issuer the token or the rejection carries. Rethrows everything unchanged.
 * The accepted-counters are resolved once per issuer: on a cache hit, counting is a good part of
 * the cost. The time is taken under the cache
 * ({@link TimedTokenValidator}).
 */
public final class MeteredTokenValidator implements TokenValidator {
    private final TokenValidator delegate;
    private final ValidatorMetrics metrics;
    /** By the very instances the pipelines put in the tokens: an identity lookup, no hashing of names. */
    private final Map<Issuer, LongAdder> accepted;
    private final String defaultIssuerId;

    /**
     * @param issuers         the configured issuers, the instances their pipelines attach to tokens
     * @param defaultIssuerId the issuer to count a rejection under when no issuer was chosen: the
     *                        only one, or {@code unknown}
     */
    public MeteredTokenValidator(TokenValidator delegate, ValidatorMetrics metrics, List<Issuer> issuers,
                                 String defaultIssuerId) {
        this.delegate = delegate;
        this.metrics = metrics;
        Map<Issuer, LongAdder> counters = new IdentityHashMap<>();
        issuers.forEach(issuer -> counters.put(issuer, metrics.accepted(issuer.id())));
        this.accepted = Collections.unmodifiableMap(counters);
        this.defaultIssuerId = defaultIssuerId;
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        try {
            ValidatedToken validated = delegate.validate(token);
            LongAdder counter = accepted.get(validated.issuer());
            (counter != null ? counter : metrics.accepted(validated.issuer().id())).increment();
            return validated;
        } catch (TokenValidationException e) {
            metrics.rejected(e.reason().name(), e.issuer().map(Issuer::id).orElse(defaultIssuerId));
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
