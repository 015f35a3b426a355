package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.idp.IntrospectionClient;
import io.claimgate.server.idp.TimeBudget;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a token by asking the IdP (RFC 7662 introspection): for opaque tokens, or for JWTs of
 * an issuer configured without a JWKS. An active answer is checked and mapped exactly like the
 * claims of a JWT ({@link ClaimsVerifier}, {@link TokenMapper}): {@code exp} is required, issuer,
 * audience, scopes and lifetime are checked, the principal comes from the username claim chain.
 *
 * <ul>
 *   <li>One time budget per validation ({@code oauth.validation.timeout.ms}): discovering the
 *       endpoint, the request, or waiting for another caller's request for the same token, all
 *       together wait no longer than it. A validation whose budget runs out is refused
 *       ({@code INTROSPECTION_FAILED: validation budget of N ms ... exhausted ...}).</li>
 *   <li>Single-flight: concurrent validations of the same token share one request; the others
 *       wait for it within their own budget.</li>
 *   <li>Inactive answers are remembered for {@link #INACTIVE_TTL} (bounded), so a client retrying a
 *       revoked token does not cost an IdP call per attempt. Active ones are cached by the
 *       listener's token cache until {@code exp}.</li>
 *   <li>A missing {@code iss} in the answer is taken to be the configured issuer's: the endpoint
 *       belongs to it. A present one must match.</li>
 * </ul>
 */
public final class IntrospectionValidator implements TokenValidator {
    /** How long an inactive answer is believed without asking again. */
    public static final Duration INACTIVE_TTL = Duration.ofSeconds(10);
    private static final long LOG_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger log = LoggerFactory.getLogger(IntrospectionValidator.class);

    /** Introspection outcomes with their duration, for metrics: active, inactive, error. */
    public interface Listener {
        Listener NONE = (outcome, nanos) -> {
        };

        void introspected(String outcome, long nanos);
    }

    private final TokenParser sizeCheck;
    private final IntrospectionClient client;
    private final Optional<String> expectedIssuer;
    private final ClaimsVerifier claims;
    private final TokenMapper mapper;
    private final Duration validationTimeout;
    private final Listener listener;
    private final Cache<TokenHash, Boolean> inactive;
    private final ConcurrentHashMap<TokenHash, CompletableFuture<ValidatedToken>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_PAUSE_NANOS);

    private IntrospectionValidator(Builder builder) {
        this.sizeCheck = new TokenParser(builder.maxTokenBytes);
        this.client = builder.client;
        this.expectedIssuer = builder.expectedIssuer;
        this.claims = Objects.requireNonNull(builder.claims, "claims");
        this.mapper = Objects.requireNonNull(builder.mapper, "mapper");
        this.validationTimeout = Objects.requireNonNull(builder.budget, "budget");
        this.listener = builder.listener;
        this.inactive = Caffeine.newBuilder().maximumSize(builder.maxInactiveEntries).expireAfterWrite(INACTIVE_TTL)
                .executor(Runnable::run).build();
    }

    /** @param client asks the IdP */
    public static Builder builder(IntrospectionClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public ValidatedToken validate(String token) throws TokenValidationException {
        TimeBudget budget = TimeBudget.start(validationTimeout);
        sizeCheck.checkSize(token);
        TokenHash key = TokenHash.of(token);
        if (inactive.getIfPresent(key) != null) {
            throw inactiveToken(" (remembered for " + INACTIVE_TTL.toSeconds() + " s)");
        }
        CompletableFuture<ValidatedToken> mine = new CompletableFuture<>();
        CompletableFuture<ValidatedToken> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            return await(leader, budget);
        }
        try {
            ValidatedToken validated = introspect(token, key, budget);
            mine.complete(validated);
            return validated;
        } catch (TokenValidationException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private ValidatedToken introspect(String token, TokenHash key, TimeBudget budget) throws TokenValidationException {
        long start = System.nanoTime();
        Map<String, Object> answer;
        try {
            answer = client.introspect(token, budget);
        } catch (IOException e) {
            listener.introspected("error", System.nanoTime() - start);
            throw failed(e, budget);
        }
        boolean active = Boolean.TRUE.equals(answer.get("active"));
        listener.introspected(active ? "active" : "inactive", System.nanoTime() - start);
        if (!active) {
            inactive.put(key, Boolean.TRUE);
            throw inactiveToken("");
        }
        JwtClaims claimSet = claimsOf(answer);
        String principal = mapper.principalIfPresent(claimSet);
        try {
            claims.verify(claimSet);
            return mapper.map(token, claimSet, principal);
        } catch (TokenValidationException e) {
            throw e.withContext(null, claimSet.issuer(), principal);
        }
    }

    private JwtClaims claimsOf(Map<String, Object> answer) throws TokenValidationException {
        Map<String, Object> claimMap = new HashMap<>(answer);
        claimMap.remove("active");
        if (claimMap.get("iss") == null) {
            expectedIssuer.ifPresent(iss -> claimMap.put("iss", iss));
        }
        try {
            return JwtClaims.of(claimMap);
        } catch (ParseException e) {
            throw new TokenValidationException(Reason.INTROSPECTION_FAILED, "the introspection answer has a claim of"
                    + " the wrong type (" + Sanitizer.sanitize(e.getMessage(), 120) + ")");
        }
    }

    private ValidatedToken await(CompletableFuture<ValidatedToken> leader, TimeBudget budget)
            throws TokenValidationException {
        try {
            return leader.get(budget.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TokenValidationException rejection) {
                throw rejection;
            }
            throw new TokenValidationException(Reason.INTERNAL_ERROR, "introspection failed unexpectedly, see broker log",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TokenValidationException(Reason.INTROSPECTION_FAILED,
                    budget.exhaustedWhile("another validation's introspection of the same token"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenValidationException(Reason.INTROSPECTION_FAILED, "interrupted while waiting for introspection");
        }
    }

    /**
     * The client learns only what kind of failure it was; the endpoint's URL and answer go to the
     * broker log, at most once per {@link #LOG_PAUSE_NANOS} so that an outage does not flood it.
     */
    private TokenValidationException failed(IOException e, TimeBudget budget) {
        long now = System.nanoTime();
        long last = lastFailureLog.get();
        if (now - last >= LOG_PAUSE_NANOS && lastFailureLog.compareAndSet(last, now)) {
            log.warn("claimgate could not introspect a token: {} (further failures within 10 s are not logged)",
                    Sanitizer.sanitize(e.getMessage(), 400));
        }
        String detail = budget.exhausted() ? budget.exhaustedWhile("the IdP (discovery and introspection)")
                : e instanceof CircuitBreaker.OpenException
                ? "the IdP's introspection endpoint is failing (circuit breaker open), see broker log"
                : e instanceof IntrospectionClient.Refused
                ? "the IdP refused the broker's introspection request, see broker log"
                : "the IdP's introspection endpoint could not be reached in time, see broker log";
        return new TokenValidationException(Reason.INTROSPECTION_FAILED, detail);
    }

    private static TokenValidationException inactiveToken(String note) {
        return new TokenValidationException(Reason.INACTIVE, "the IdP's introspection endpoint says the token is not"
                + " active" + note);
    }

    @Override
    public void close() {
        inactive.invalidateAll();
    }

    /** Collects the parts of an {@link IntrospectionValidator}; claims, mapper and budget are required. */
    public static final class Builder {
        private final IntrospectionClient client;
        private int maxTokenBytes = 65536;
        private Optional<String> expectedIssuer = Optional.empty();
        private ClaimsVerifier claims;
        private TokenMapper mapper;
        private Duration budget;
        private long maxInactiveEntries = 1000;
        private Listener listener = Listener.NONE;

        private Builder(IntrospectionClient client) {
            this.client = client;
        }

        /** @param maxTokenBytes larger tokens are refused without asking the IdP */
        public Builder maxTokenBytes(int maxTokenBytes) {
            this.maxTokenBytes = maxTokenBytes;
            return this;
        }

        /** @param expectedIssuer taken as the {@code iss} of an answer without one */
        public Builder expectedIssuer(Optional<String> expectedIssuer) {
            this.expectedIssuer = expectedIssuer;
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

        /** @param budget what one validation may wait for the IdP, all steps together */
        public Builder budget(Duration budget) {
            this.budget = budget;
            return this;
        }

        /** @param maxInactiveEntries bound of the cache of inactive answers */
        public Builder maxInactiveEntries(long maxInactiveEntries) {
            this.maxInactiveEntries = maxInactiveEntries;
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public IntrospectionValidator build() {
            return new IntrospectionValidator(this);
        }
    }
}
