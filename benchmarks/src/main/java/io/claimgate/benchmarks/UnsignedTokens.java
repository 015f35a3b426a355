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

    /**
     * For each of {@code signed}, an unsigned token of the same length (to within the 4 characters
     * of one base64url group), padded with a {@code pad} claim: the bytes a broker reads, and Kafka's
     * SASL code matches against its regular expressions before any validator sees the token, grow
     * with the token (an RS256 signature adds ~340 characters), so a floor for a signed algorithm
     * carries as many. The pad makes the floor's JSON longer instead: the floor is, if anything,
     * a little more expensive than the same bytes without a signature.
     */
    static List<String> matching(List<String> signed) {
        Instant iat = Instant.now().minusSeconds(60);
        Instant exp = iat.plus(TokenPool.TOKEN_LIFETIME);
        return IntStream.range(0, signed.size()).mapToObj(i -> {
            String plain = token(i, iat, exp);
            int missing = signed.get(i).length() - plain.length() - 12;   // ,"pad":"" in base64url
            if (missing <= 0) {
                return plain;
            }
            String claims = TokenPool.claims(i, iat, exp).toString();
            String padded = claims.substring(0, claims.length() - 1) + ",\"pad\":\"" + "x".repeat(missing * 3 / 4) + "\"}";
            return HEADER + "." + base64Url(padded) + ".";
        }).toList();
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
