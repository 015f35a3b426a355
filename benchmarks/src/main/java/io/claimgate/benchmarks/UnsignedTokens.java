package io.claimgate.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Unsecured JWTs ({@code alg: none}, empty signature) for the floor, Kafka's unsecured validator:
 * the claims of {@link TokenPool#claims}, so the broker reads a token of the same size and shape as
 * a signed one, without the signature check.
 */
final class UnsignedTokens {
    private static final String HEADER = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");

    private UnsignedTokens() {
    }

    /** {@code size} distinct tokens valid for {@link TokenPool#TOKEN_LIFETIME}. */
    static List<String> tokens(int size) {
        Instant iat = Instant.now().minusSeconds(60);
        Instant exp = iat.plus(TokenPool.TOKEN_LIFETIME);
        return IntStream.range(0, size).mapToObj(i -> token(i, iat, exp)).toList();
    }

    /** One that expired an hour ago: the floor must refuse it (its checks run). */
    static String expired() {
        Instant iat = Instant.now().minusSeconds(7200);
        return token(-1, iat, iat.plusSeconds(3600));
    }

    private static String token(int i, Instant iat, Instant exp) {
        return HEADER + "." + base64Url(TokenPool.claims(i, iat, exp).toString()) + ".";
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
