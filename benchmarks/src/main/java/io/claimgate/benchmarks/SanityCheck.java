package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * Run once per fork before measuring: a benchmark that measures a handler which accepts anything,
 * or rejects everything, would be worse than none. Each handler must accept pool tokens with the
 * expected principal and reject a correctly signed token with the wrong issuer and one with the
 * wrong audience; the floor must accept pool tokens and reject a tampered one.
 */
final class SanityCheck {
    private SanityCheck() {
    }

    static void run(String method, AuthenticateCallbackHandler handler, ThreadLocal<RawVerifier> raw, JWKSet keys,
                    String alg, String[] pool) throws Exception {
        int[] samples = {0, 1, pool.length - 1};
        if (raw != null) {
            for (int i : samples) {
                require(raw.get().verify(pool[i]), method + " rejects pool token " + i);
            }
            require(!raw.get().verify(tampered(pool[0])), method + " accepts a tampered signature");
            return;
        }
        for (int i : samples) {
            var callback = Handlers.callback(handler, pool[i]);
            OAuthBearerToken token = callback.token();
            require(token != null, method + " rejects pool token " + i + ": " + callback.errorStatus());
            String expected = "client-" + Math.floorMod(i, 100);
            require(expected.equals(token.principalName()),
                    method + " maps pool token " + i + " to principal " + token.principalName() + ", not " + expected);
        }
        String wrongIssuer = TokenPool.variant(keys, alg, "https://attacker.example/realms/bench", TokenPool.AUDIENCE);
        require(Handlers.validateQuietly(handler, wrongIssuer) == null, method + " accepts a token from another issuer");
        String wrongAudience = TokenPool.variant(keys, alg, TokenPool.ISSUER, "some-other-service");
        require(Handlers.validateQuietly(handler, wrongAudience) == null, method + " accepts a token for another audience");
        String control = TokenPool.variant(keys, alg, TokenPool.ISSUER, TokenPool.AUDIENCE);
        require(Handlers.validateQuietly(handler, control) != null, method + " rejects a fresh valid token");
    }

    /** {@code token} with the end of its signature changed. */
    static String tampered(String token) {
        return token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    }

    static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up check failed: " + failure);
        }
    }
}
