package io.claimgate.server.validation;

import io.claimgate.server.ValidatedToken;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Remembers tokens that passed validation, so that a reconnect or a re-authentication with the same
 * token costs a hash and a map lookup instead of parsing, a signature check (or an introspection
 * call) and claim checks.
 *
 * <ul>
 *   <li>Keyed by the token's SHA-256 ({@link TokenHash}); the cached validation holds no copy of the
 *       token either: the presented token is put back in on a hit.</li>
 *   <li>A JWT's claims are kept as the payload's JSON text and parsed anew on a hit
 *       ({@link ValidatedToken.Stored}): an entry is then a few small objects instead of a graph of
 *       ~50, which matters to the garbage collector while a storm of new tokens fills the cache.</li>
 *   <li>Expiry and not-before are checked on <em>every</em> use against the cached {@code exp}
 *       and {@code nbf}, with the clock skew of the issuer that validated the token; an expired
 *       entry found so is removed. Otherwise entries leave the cache by size, least recently used
 *       first ({@link RecencyCache}, which says why not Caffeine's frequency-based admission): an
 *       expired token, never presented again, is soon the least recently used. An entry older than
 *       {@link #MAX_ENTRY_AGE} is not used: the token is validated again (so a signing key withdrawn
 *       from the JWKS stops counting within that time). The age is checked on use, from the time
 *       stored in the entry, so no timer or write-order queue adds to a first-seen token's cost.</li>
 *   <li>Bounded ({@code oauth.token.cache.max.entries}); 0 turns caching off.</li>
 *   <li>Rejections are not cached: a rejection may be transient (a key not yet published, an IdP
 *       outage), and caching one would only save the work of a token that fails anyway. The
 *       introspection validator keeps its own short negative cache for inactive tokens, where a
 *       rejection costs a network call.</li>
 * </ul>
 * What a cache hit does not notice: a signing key withdrawn from the JWKS while tokens it signed
 * are still cached (they stay valid until their {@code exp}, at most {@link #MAX_ENTRY_AGE}), and
 * for introspected tokens a revocation at the IdP before {@code exp}.
 */
public final class CachingTokenValidator implements TokenValidator {

    /** The validation without the token; the window already includes the clock skew. */
    private record Entry(ValidatedToken.Stored validated, long expiresAtMs, long notBeforeMs, long notAfterMs,
                         long skewSeconds, long addedAtMs) {
    }

    /** Cache events, for metrics. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void hit() {
        }

        default void miss() {
        }
    }

    /** How long an entry may stay at most, whatever the token's lifetime; see the class comment. */
    static final Duration MAX_ENTRY_AGE = Duration.ofHours(1);
    private static final long MAX_ENTRY_AGE_MS = MAX_ENTRY_AGE.toMillis();

    private final TokenValidator delegate;
    private final RecencyCache<TokenHash, Entry> cache;
    private final Clock clock;
    private final int maxTokenChars;
    private final Listener listener;

    /**
     * @param maxTokenChars longer tokens bypass the cache (the delegate rejects them without hashing)
     */
    public CachingTokenValidator(TokenValidator delegate, long maxEntries, Clock clock, int maxTokenChars,
                                 Listener listener) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxTokenChars = maxTokenChars;
        this.listener = listener;
        this.cache = new RecencyCache<>(maxEntries);
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        if (token == null || token.isEmpty() || token.length() > maxTokenChars) {
            return delegate.validate(token);
        }
        TokenHash key = TokenHash.of(token);
        Entry entry = cache.get(key);
        if (entry != null && clock.millis() - entry.addedAtMs() > MAX_ENTRY_AGE_MS) {
            cache.remove(key);   // old enough to be validated again (see the class comment)
            entry = null;
        }
        if (entry != null) {
            checkWindow(key, entry);
            listener.hit();
            return entry.validated().restore(token);
        }
        listener.miss();
        ValidatedToken validated = delegate.validate(token);
        cache.put(key, entryFor(validated));
        return validated;
    }

    /** Entries in the cache now; for the size gauge. */
    public long size() {
        return cache.size();
    }

    private void checkWindow(TokenHash key, Entry entry) throws TokenValidationException {
        long now = clock.millis();
        if (now > entry.notAfterMs()) {
            cache.remove(key);
            throw new TokenValidationException(Reason.EXPIRED, "token expired at "
                    + seconds(entry.expiresAtMs()) + " (clock skew " + entry.skewSeconds() + "s)")
                    .withIssuer(entry.validated().issuer());
        }
        if (now < entry.notBeforeMs()) {
            throw new TokenValidationException(Reason.NOT_YET_VALID, "token is not valid before "
                    + seconds(entry.notBeforeMs() + entry.skewSeconds() * 1000) + " (clock skew "
                    + entry.skewSeconds() + "s)").withIssuer(entry.validated().issuer());
        }
    }

    private Entry entryFor(ValidatedToken validated) {
        long skewMs = validated.issuer().clockSkew().toMillis();
        Object nbf = validated.claims().get("nbf");
        long notBefore = nbf instanceof Number n ? n.longValue() * 1000 - skewMs : Long.MIN_VALUE;
        long exp = validated.lifetimeMs();
        long notAfter = exp > Long.MAX_VALUE - skewMs ? Long.MAX_VALUE : exp + skewMs;   // exp may be saturated
        return new Entry(validated.stored(), exp, notBefore, notAfter, skewMs / 1000, clock.millis());
    }

    private static Instant seconds(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public void close() {
        cache.clear();
        delegate.close();
    }
}
