package io.claimgate.benchmarks;

import static io.claimgate.benchmarks.SanityCheck.require;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.server.IssuerOptions;
import io.claimgate.server.ValidatedToken;
import io.claimgate.server.ValidatorOptions;
import io.claimgate.server.jwks.JwksCache;
import io.claimgate.server.jwks.JwksSource;
import io.claimgate.server.jwks.JwksSpec;
import io.claimgate.server.metrics.ValidatorMetrics;
import io.claimgate.server.validation.AlgorithmPolicy;
import io.claimgate.server.validation.CachingTokenValidator;
import io.claimgate.server.validation.ClaimsVerifier;
import io.claimgate.server.validation.CompactJws;
import io.claimgate.server.validation.JoseHeader;
import io.claimgate.server.validation.JwksKeySelector;
import io.claimgate.server.validation.JwtClaims;
import io.claimgate.server.validation.JwtValidator;
import io.claimgate.server.validation.RecencyCache;
import io.claimgate.server.validation.SignatureCheck;
import io.claimgate.server.validation.TokenHash;
import io.claimgate.server.validation.TokenMapper;
import io.claimgate.server.validation.TokenParser;
import io.claimgate.server.validation.TokenTypePolicy;
import io.claimgate.server.validation.TokenValidationException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostics, not a comparison: what each step of claimgate's broker-side validation of a
 * first-seen token costs, in ns, with the production classes built from the options
 * {@link Handlers#claimgate} configures, parsed as {@code configure()} parses them. It backs "where
 * the time goes" in docs/BENCHMARKS.md (issue 18: first-seen RS256 within 5 % of the raw JCA verify).
 * Each invocation takes the next of the {@link TokenPool}'s distinct tokens, round robin, so nothing
 * is cached that production would not cache (the header memo hits: the pool's tokens share one
 * header, as an IdP's do). The set-up checks each step's output, and a failing step throws.
 * <ul>
 *   <li>{@code tokenHash}: {@link TokenHash#of}, the SHA-256 that keys the token cache;</li>
 *   <li>{@code split}: {@link TokenParser#split}: ASCII bytes, the dots, the header (from its memo);</li>
 *   <li>{@code splitAndClaims}: the same, then {@link CompactJws#claims()}: payload base64url, UTF-8,
 *       JSON parse, {@link JwtClaims};</li>
 *   <li>{@code keySelection}: algorithm allow-list, {@code typ} policy and {@link JwksKeySelector#select}
 *       on a {@link JwksCache} holding the benchmark JWKS;</li>
 *   <li>{@code signatureOnly}: {@link SignatureCheck#verify} on a token split in set-up, with the
 *       candidates that selector returns: signature base64url plus the JCA verify;</li>
 *   <li>{@code claimChecks}: {@link ClaimsVerifier#verify} (times, issuer, audience) on claims
 *       parsed in set-up;</li>
 *   <li>{@code mapping}: {@link TokenMapper#principalIfPresent} and {@link TokenMapper#map}, on claims
 *       parsed in set-up: principal, groups, scopes, the {@link ValidatedToken} with its immutable copies;</li>
 *   <li>{@code meters}: what one accepted first-seen validation does to the meters of
 *       {@link ValidatorMetrics} on {@link ClaimgateMetrics#registry()} (the JMX registry of a
 *       broker): the accepted counter, the token cache's miss counter and the latency timer
 *       between two {@code System.nanoTime()} calls, as {@code TimedTokenValidator} takes it;
 *       {@code validationCounter} and {@code latencyTimer} are one counter and the timer alone;</li>
 *   <li>{@code tokenCacheMiss1}, {@code tokenCacheMiss10000}: what {@link CachingTokenValidator}
 *       does to its {@link RecencyCache} on a miss ({@code get}, then {@code put} of a new key,
 *       so every put evicts once the cache is full), on a cache built as its constructor builds it,
 *       with the 1 entry {@link ValidationBenchmark} uses for first-seen tokens and the shipped
 *       default of {@code oauth.token.cache.max.entries}. The key is made up (the hash is
 *       {@code tokenHash}); the value is a {@code ValidatedToken} copy, as the cache's private
 *       entry record holds (that record and its clock read are not built);</li>
 *   <li>{@code wholeClaimgate}: the whole callback handler (as {@code ValidationBenchmark.claimgate},
 *       first-seen), and {@code rawJca}: {@link RawVerifier}, the floor, for scale in the same run.</li>
 * </ul>
 * Not measured apart: the layers' own calls (router, {@code MeteredTokenValidator}'s issuer lookup,
 * the callback object); {@code wholeClaimgate} minus the sum of the steps shows them. The sum
 * overstates a little: the pool (20 000 tokens, ~16 MB, with their split copies and parsed claims)
 * does not fit in the CPU caches, so each step alone reads its token from memory, which a whole
 * validation does once (on a broker the token was just read from the socket);
 * {@code -jvmArgsAppend -Dclaimgate.bench.pool=1000} shows the steps with the pool in cache.
 * JIT warm-up matters here: a step's first seconds can cost several times its steady state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelineStepsBenchmark {
    /** The shipped default of {@code oauth.token.cache.max.entries}; the set-up checks the option agrees. */
    static final int DEFAULT_CACHE_ENTRIES = 10_000;
    /** What {@code latencyTimer} records: about one RS256 validation. */
    static final long RECORDED_NANOS = 40_000;

    @Param({"RS256", "ES256"})
    public String alg;

    private String[] tokens;
    private CompactJws[] split;   // the pool split in set-up, for the steps after the split
    private JwtClaims[] claims;   // and its claims parsed
    private int next;
    // the steps, as JwtValidator holds them
    private TokenParser parser;
    private AlgorithmPolicy algorithms;
    private TokenTypePolicy types;
    private JwksCache jwks;
    private JwksKeySelector keys;
    private final SignatureCheck signatures = new SignatureCheck();
    private JWSAlgorithm algorithm;
    @SuppressWarnings("rawtypes")
    private List candidates;   // List<VerificationKey>: the element type is package-private
    private ClaimsVerifier verifier;
    private TokenMapper mapper;
    // the layers around them
    private ValidatorMetrics metrics;
    private LongAdder accepted;
    private CachingTokenValidator.Listener cacheListener;
    private RecencyCache<TokenHash, ValidatedToken> cacheOf1, cacheOf10000;
    private ValidatedToken cacheValue;
    private long sequence;
    // for scale
    private JwksServer server;
    private AuthenticateCallbackHandler handler;
    private RawVerifier raw;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        JWKSet keySet = TokenPool.keys();
        tokens = TokenPool.tokens(keySet, alg, TokenPool.poolSize()).toArray(String[]::new);
        server = new JwksServer(keySet);
        Handlers.allowUrl(server.url());
        ValidatorOptions listener = Handlers.claimgateValidatorOptions(server.url(), null);
        require(listener.tokenCacheMaxEntries() == DEFAULT_CACHE_ENTRIES, "the shipped token cache size is "
                + listener.tokenCacheMaxEntries() + ", not " + DEFAULT_CACHE_ENTRIES);
        IssuerOptions options = listener.single();
        Clock clock = Clock.systemUTC();

        parser = new TokenParser(options.format().maxBytes());
        algorithms = new AlgorithmPolicy(options.format().algorithms());
        types = new TokenTypePolicy(options.format().types());
        verifier = JwtValidator.claimsVerifier(options, clock);
        mapper = JwtValidator.mapper(options, options.issuer());
        JwksSpec spec = options.jwks().orElseThrow();
        jwks = new JwksCache(staticJwks(keySet), spec.refreshInterval(), spec.minPause(), spec.startWait(),
                spec.maxAge(), JwksCache.Listener.NONE);
        jwks.start();
        keys = new JwksKeySelector(jwks);

        split = new CompactJws[tokens.length];
        claims = new JwtClaims[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            split[i] = parser.split(tokens[i]);
            claims[i] = split[i].claims();
            require(TokenPool.ISSUER.equals(claims[i].issuer()) && claims[i].audience().contains(TokenPool.AUDIENCE),
                    "pool token " + i + " parses to iss " + claims[i].issuer() + ", aud " + claims[i].audience());
            verifier.verify(claims[i]);   // throws if a claim check fails
        }
        JoseHeader header = split[0].header();
        algorithm = header.algorithm();
        require(alg.equals(algorithm.getName()), "the header's alg is " + algorithm);
        candidates = keys.select(header.keyId(), algorithm);
        require(candidates.size() == 1, candidates.size() + " candidate keys, not 1");
        for (int i : new int[] {0, 1, tokens.length - 1}) {
            signatures.verify(split[i], algorithm, candidates);
            ValidatedToken mapped = map(i);
            require(mapped.value().equals(tokens[i]) && mapped.principalName().equals("client-" + i % 100)
                    && mapped.scope().contains("kafka") && mapped.issuer().id().equals(IssuerOptions.DEFAULT_ID),
                    "pool token " + i + " maps to " + mapped);
        }
        requireRejected(() -> signatures.verify(parser.split(SanityCheck.tampered(tokens[0])), algorithm, candidates),
                "a tampered token");
        String wrongAudience = TokenPool.variant(keySet, alg, TokenPool.ISSUER, "some-other-service");
        requireRejected(() -> verifier.verify(parser.split(wrongAudience).claims()), "a token for another audience");
        require(TokenHash.of(tokens[0]).equals(TokenHash.of(new String(tokens[0])))
                && !TokenHash.of(tokens[0]).equals(TokenHash.of(tokens[1])), "token hashes do not tell tokens apart");

        metrics = new ValidatorMetrics(ClaimgateMetrics.registry());
        accepted = metrics.accepted(IssuerOptions.DEFAULT_ID);
        cacheListener = metrics.tokenCache();
        long before = accepted.sum();
        meters();
        require(accepted.sum() == before + 1, "the accepted counter did not count");
        cacheOf1 = tokenCache(ValidationBenchmark.FIRST_SEEN_CACHE_ENTRIES);
        cacheOf10000 = tokenCache(DEFAULT_CACHE_ENTRIES);
        cacheValue = map(0).withValue("");   // what the cache keeps: the validation without the token

        handler = Handlers.claimgate(server.url(), ValidationBenchmark.FIRST_SEEN_CACHE_ENTRIES);
        raw = new RawVerifier(alg, TokenPool.signingKey(keySet, alg).toPublicJWK(), "jca");
        SanityCheck.run("wholeClaimgate", handler, null, keySet, alg, tokens);
        SanityCheck.run("rawJca", null, ThreadLocal.withInitial(() -> raw), keySet, alg, tokens);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        AutoCloseable closeHandler = handler == null ? null : handler::close;
        for (AutoCloseable resource : new AutoCloseable[] {closeHandler, jwks, metrics, server}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    /** The benchmark JWKS without HTTP: the cache and selector are production's, the source is not measured. */
    private static JwksSource staticJwks(JWKSet keySet) {
        JWKSet published = keySet.toPublicJWKSet();
        return new JwksSource() {
            @Override
            public JWKSet fetch() {
                return published;
            }

            @Override
            public String describe() {
                return "the benchmark JWKS";
            }
        };
    }

    /** As {@link CachingTokenValidator}'s constructor builds its cache. */
    private static RecencyCache<TokenHash, ValidatedToken> tokenCache(long maxEntries) {
        return new RecencyCache<>(maxEntries);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void requireRejected(Step step, String what) throws Exception {
        try {
            step.run();
        } catch (TokenValidationException expected) {
            return;
        }
        throw new IllegalStateException("benchmark set-up check failed: " + what + " was accepted");
    }

    private int index() {
        int i = next;
        next = i + 1 == tokens.length ? 0 : i + 1;
        return i;
    }

    /** As the validator maps: the principal first (before the claim checks, for the log context), then the rest. */
    private ValidatedToken map(int i) throws TokenValidationException {
        return mapper.map(tokens[i], claims[i], mapper.principalIfPresent(claims[i]));
    }

    @Benchmark
    public TokenHash tokenHash() {
        return TokenHash.of(tokens[index()]);
    }

    @Benchmark
    public CompactJws split() throws TokenValidationException {
        return parser.split(tokens[index()]);
    }

    @Benchmark
    public JwtClaims splitAndClaims() throws TokenValidationException {
        return parser.split(tokens[index()]).claims();
    }

    @Benchmark
    public Object keySelection() throws TokenValidationException {
        JoseHeader header = split[index()].header();
        JWSAlgorithm allowed = algorithms.check(header.algorithm());
        types.check(header.type());
        return keys.select(header.keyId(), allowed);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public Object signatureOnly() throws TokenValidationException {
        return signatures.verify(split[index()], algorithm, candidates);
    }

    @Benchmark
    public JwtClaims claimChecks() throws TokenValidationException {
        JwtClaims claimSet = claims[index()];
        verifier.verify(claimSet);
        return claimSet;
    }

    @Benchmark
    public ValidatedToken mapping() throws TokenValidationException {
        return map(index());
    }

    @Benchmark
    public LongAdder meters() {
        long start = System.nanoTime();
        cacheListener.miss();
        accepted.increment();
        metrics.latency(true, System.nanoTime() - start);
        return accepted;
    }

    @Benchmark
    public LongAdder validationCounter() {
        accepted.increment();
        return accepted;
    }

    @Benchmark
    public ValidatorMetrics latencyTimer() {
        metrics.latency(true, RECORDED_NANOS);
        return metrics;
    }

    private RecencyCache<TokenHash, ValidatedToken> missThenPut(RecencyCache<TokenHash, ValidatedToken> cache) {
        TokenHash key = new TokenHash(++sequence, 0x9E3779B97F4A7C15L * sequence, ~sequence, sequence >>> 7);
        if (cache.get(key) != null) {
            throw new IllegalStateException("a new key was found in the token cache");
        }
        cache.put(key, cacheValue.withValue(""));   // as CachingTokenValidator keeps a validation
        return cache;
    }

    @Benchmark
    public Object tokenCacheMiss1() {
        return missThenPut(cacheOf1);
    }

    @Benchmark
    public Object tokenCacheMiss10000() {
        return missThenPut(cacheOf10000);
    }

    @Benchmark
    public OAuthBearerToken wholeClaimgate() throws Exception {
        var callback = Handlers.callback(handler, tokens[index()]);
        if (callback.token() == null) {
            throw new IllegalStateException("a valid token was rejected: " + callback.errorStatus());
        }
        return callback.token();
    }

    @Benchmark
    public boolean rawJca() {
        if (!raw.verify(tokens[index()])) {
            throw new IllegalStateException("raw signature verification failed");
        }
        return true;
    }
}
