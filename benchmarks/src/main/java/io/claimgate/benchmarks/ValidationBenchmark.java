package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Broker-side token validation, side by side on the same tokens and the same JWKS (issue 5):
 * <ul>
 *   <li>{@code claimgate}: {@code io.claimgate.server.OAuthValidatorCallbackHandler}, with its
 *       validated-token cache: for {@code tokens=firstSeen} set to 1 entry
 *       ({@value #FIRST_SEEN_CACHE_ENTRIES}, the smallest size that keeps the cache in the path, so
 *       every miss pays hashing, lookup, insert and eviction, while a rotation through
 *       {@link TokenPool#DEFAULT_POOL_SIZE} distinct tokens can never hit); for
 *       {@code tokens=repeated} the shipped default size;</li>
 *   <li>{@code claimgateNoCache}: the same with {@code oauth.token.cache.max.entries=0};</li>
 *   <li>{@code kafka}: Kafka 4.3.1's built-in {@code OAuthBearerValidatorCallbackHandler} (jose4j);</li>
 *   <li>{@code strimzi}: Strimzi's {@code JaasServerOauthValidatorCallbackHandler} (kafka-oauth-server);</li>
 *   <li>{@code rawJca}: the floor, {@link RawVerifier}: JDK signature verification only;</li>
 *   <li>{@code rawBouncyCastle}: for ES256, the floor of claimgate's own ECDSA: Bouncy Castle's
 *       verification alone (for RS256 the same as {@code rawJca}).</li>
 * </ul>
 * Parameters: {@code alg} RS256 (RSA 2048) or ES256 (P-256); {@code tokens} {@code firstSeen} (each
 * invocation validates the next of a pool of distinct pre-signed tokens, round robin; no cache can
 * help) or {@code repeated} (the same token every time: reconnects and re-authentications).
 *
 * <p>Every handler validates issuer, audience, expiry and signature; the set-up proves it per fork
 * (a wrong-issuer and a wrong-audience token must be rejected, pool tokens accepted with the right
 * principal) and every measured call fails the run if a token is rejected.
 *
 * <p>This class measures throughput (ops/s); {@link ValidationBenchmarkLatency} runs the same
 * benchmarks in sample-time mode for latency percentiles (µs). See docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ValidationBenchmark {
    /** claimgate's cache size for first-seen tokens: the minimum that still caches. */
    static final int FIRST_SEEN_CACHE_ENTRIES = 1;

    @Param({"RS256", "ES256"})
    public String alg;

    @Param({"firstSeen", "repeated"})
    public String tokens;

    private String[] pool;
    private JwksServer server;
    private AuthenticateCallbackHandler handler;
    private ThreadLocal<RawVerifier> raw;

    /** Where one benchmark thread is in the pool; threads start far apart. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            next = thread.getThreadIndex() * 7919;
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        boolean firstSeen = switch (tokens) {
            case "firstSeen" -> true;
            case "repeated" -> false;
            default -> throw new IllegalArgumentException("tokens must be firstSeen or repeated, not " + tokens);
        };
        JWKSet keys = TokenPool.keys();
        String[] all = TokenPool.tokens(keys, alg, TokenPool.poolSize()).toArray(String[]::new);
        pool = firstSeen ? all : new String[] {all[0]};
        server = new JwksServer(keys);
        Handlers.allowUrl(server.url());
        // Only the handler under test is created in this fork: no other validator's code warms up
        // (or pollutes the JIT's type profiles of) the shared libraries such as Nimbus.
        switch (method) {
            case "rawJca", "rawBouncyCastle" -> {
                var publicKey = TokenPool.signingKey(keys, alg).toPublicJWK();
                String library = method.equals("rawJca") ? "jca" : "bc";
                raw = ThreadLocal.withInitial(() -> new RawVerifier(alg, publicKey, library));
            }
            case "claimgate" -> handler = Handlers.claimgate(server.url(), firstSeen ? FIRST_SEEN_CACHE_ENTRIES : null);
            case "claimgateNoCache" -> handler = Handlers.claimgate(server.url(), 0);
            case "kafka" -> handler = Handlers.kafka(server.url());
            case "strimzi" -> handler = Handlers.strimzi(server.url());
            default -> throw new IllegalStateException("no set-up for benchmark method " + method);
        }
        SanityCheck.run(method, handler, raw, keys, alg, all);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (handler instanceof org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler) {
            Handlers.closeKafka(handler);
        } else if (handler != null) {
            handler.close();
        }
        if (server != null) {
            if (server.requests() > 1) {
                System.err.println("claimgate-bench: note: the JWKS was fetched " + server.requests()
                        + " times during this trial");
            }
            server.close();
        }
    }

    private String next(Cursor cursor) {
        String[] p = pool;
        int i = cursor.next;
        if (i >= p.length) {
            i %= p.length;
        }
        cursor.next = i + 1;
        return p[i];
    }

    private OAuthBearerToken validate(String token) throws Exception {
        var callback = Handlers.callback(handler, token);
        OAuthBearerToken validated = callback.token();
        if (validated == null) {
            throw new IllegalStateException("a valid token was rejected: " + callback.errorStatus());
        }
        return validated;
    }

    @Benchmark
    public OAuthBearerToken claimgate(Cursor cursor) throws Exception {
        return validate(next(cursor));
    }

    @Benchmark
    public OAuthBearerToken claimgateNoCache(Cursor cursor) throws Exception {
        return validate(next(cursor));
    }

    @Benchmark
    public OAuthBearerToken kafka(Cursor cursor) throws Exception {
        return validate(next(cursor));
    }

    @Benchmark
    public OAuthBearerToken strimzi(Cursor cursor) throws Exception {
        return validate(next(cursor));
    }

    private boolean verifyRaw(Cursor cursor) {
        if (!raw.get().verify(next(cursor))) {
            throw new IllegalStateException("raw signature verification failed");
        }
        return true;
    }

    @Benchmark
    public boolean rawJca(Cursor cursor) {
        return verifyRaw(cursor);
    }

    @Benchmark
    public boolean rawBouncyCastle(Cursor cursor) {
        return verifyRaw(cursor);
    }
}
