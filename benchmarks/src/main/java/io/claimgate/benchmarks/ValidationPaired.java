package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

/**
 * Issue 18's item 3 measured as a pair ({@link PairedRatios}): claimgate's handler validating new
 * tokens against the bare signature check of the same tokens ({@link RawVerifier}), in one JVM,
 * in alternating blocks. JMH runs the two in separate forks one after the other, and on a machine
 * whose speed changes by 20-40 % from one minute to the next (section "Machine" of
 * docs/BENCHMARKS.md) the ratio of two such forks says more about the machine than about the code.
 *
 * <p>The handler is set up as {@link ValidationBenchmark}'s {@code tokens=firstSeen}: a token
 * cache of one entry (every token pays hashing, lookup, insert and eviction), tokens taken round
 * robin from the same pool of distinct signed tokens, so that no token is ever answered from the
 * cache. The raw verifier is the JDK's ({@code jca}) for RS256 and Bouncy Castle's ({@code bc},
 * claimgate's own ECDSA) for ES256. Both pass {@link SanityCheck} before anything is measured.
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -cp benchmarks.jar io.claimgate.benchmarks.ValidationPaired
 * [RS256|ES256] [rounds] [tokens per block]}; defaults RS256, 60 rounds (and a third as many
 * warm-up rounds), 4 000 tokens.
 */
public final class ValidationPaired {
    private ValidationPaired() {
    }

    private static void validate(AuthenticateCallbackHandler handler, String token) {
        OAuthBearerValidatorCallback callback;
        try {
            callback = Handlers.callback(handler, token);
        } catch (Exception e) {
            throw new IllegalStateException("the handler failed", e);
        }
        if (callback.token() == null) {
            throw new IllegalStateException("a valid token was rejected: " + callback.errorStatus());
        }
    }

    public static void main(String[] args) throws Exception {
        String alg = args.length > 0 ? args[0] : "RS256";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
        JWKSet keys = TokenPool.keys();
        String[] pool = TokenPool.tokens(keys, alg, TokenPool.poolSize()).toArray(String[]::new);
        String library = alg.equals("ES256") ? "bc" : "jca";
        try (JwksServer server = new JwksServer(keys)) {
            Handlers.allowUrl(server.url());
            AuthenticateCallbackHandler handler = Handlers.claimgate(server.url(),
                    ValidationBenchmark.FIRST_SEEN_CACHE_ENTRIES);
            RawVerifier raw = new RawVerifier(alg, TokenPool.signingKey(keys, alg).toPublicJWK(), library);
            try {
                SanityCheck.run("claimgate", handler, null, keys, alg, pool);
                SanityCheck.run("rawJca", null, ThreadLocal.withInitial(() -> raw), keys, alg, pool);
                int[] cursor = {0, pool.length / 2};   // far apart: the two never present the same token in turn
                // Two loops written out, one per variant (see RecordFilterPaired).
                PairedRatios.Result result = PairedRatios.measure(rounds, () -> {
                    int next = cursor[0];
                    for (int i = 0; i < perBlock; i++) {
                        if (!raw.verify(pool[next])) {
                            throw new IllegalStateException("raw signature verification failed");
                        }
                        next = next + 1 == pool.length ? 0 : next + 1;
                    }
                    cursor[0] = next;
                    return perBlock;
                }, () -> {
                    int next = cursor[1];
                    for (int i = 0; i < perBlock; i++) {
                        validate(handler, pool[next]);
                        next = next + 1 == pool.length ? 0 : next + 1;
                    }
                    cursor[1] = next;
                    return perBlock;
                });
                System.out.printf("%s first-seen, %d rounds of %d tokens each way, raw verifier '%s'%n", alg, rounds,
                        perBlock, library);
                System.out.println("claimgate / raw verify, tokens per second: " + result);
            } finally {
                handler.close();
            }
        }
    }
}
