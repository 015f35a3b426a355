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

/**
 * What a token naming an unknown key costs the broker (issue 14), next to a valid first-seen
 * token, in the same run, through claimgate's handler as Kafka drives it:
 * <ul>
 *   <li>{@code forgedKid}: each call validates the next of {@value #FORGED_POOL_SIZE} tokens an
 *       attacker made (valid claims, signed by a key no JWKS publishes, each with its own random
 *       {@code kid}); every one must be refused with {@code UNKNOWN_KEY}. The refusal asks for a
 *       background JWKS refresh (at most one per {@code oauth.jwks.refresh.min.pause.seconds}, 1 s)
 *       and never waits for it, so this is the whole cost to the network thread;</li>
 *   <li>{@code validFirstSeen}: a valid token the broker has not seen before (the pool of
 *       {@link ValidationBenchmark}, token cache of 1 entry): parse, signature, claims.</li>
 * </ul>
 * Average time per token (µs/op). See docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ForgedKidBenchmark {
    static final int FORGED_POOL_SIZE = 4096;

    @Param({"RS256", "ES256"})
    public String alg;

    private String[] valid;
    private String[] forged;
    private JwksServer server;
    private AuthenticateCallbackHandler handler;

    /** Where one benchmark thread is in a pool. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        JWKSet keys = TokenPool.keys();
        valid = TokenPool.tokens(keys, alg, TokenPool.poolSize()).toArray(String[]::new);
        forged = TokenPool.forgedTokens(alg, FORGED_POOL_SIZE).toArray(String[]::new);
        server = new JwksServer(keys);
        Handlers.allowUrl(server.url());
        handler = Handlers.claimgate(server.url(), ValidationBenchmark.FIRST_SEEN_CACHE_ENTRIES);
        SanityCheck.run("claimgate", handler, null, keys, alg, valid);
        for (String token : new String[] {forged[0], forged[forged.length - 1]}) {
            refused(token);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (handler != null) {
            handler.close();
        }
        if (server != null) {
            // One fetch at start-up, then at most one refresh per second of forged tokens.
            System.err.println("claimgate-bench: the JWKS was fetched " + server.requests() + " times during this trial");
            server.close();
        }
    }

    private static String next(String[] pool, Cursor cursor) {
        int i = cursor.next;
        if (i >= pool.length) {
            i %= pool.length;
        }
        cursor.next = i + 1;
        return pool[i];
    }

    private String refused(String token) throws Exception {
        String status = Handlers.callback(handler, token).errorStatus();
        if (status == null || !status.startsWith("invalid_token (UNKNOWN_KEY: ")) {
            throw new IllegalStateException("a forged token was not refused as UNKNOWN_KEY: " + status);
        }
        return status;
    }

    @Benchmark
    public String forgedKid(Cursor cursor) throws Exception {
        return refused(next(forged, cursor));
    }

    @Benchmark
    public OAuthBearerToken validFirstSeen(Cursor cursor) throws Exception {
        var callback = Handlers.callback(handler, next(valid, cursor));
        if (callback.token() == null) {
            throw new IllegalStateException("a valid token was rejected: " + callback.errorStatus());
        }
        return callback.token();
    }
}
