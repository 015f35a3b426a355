package io.claimgate.server.validation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token: what caches are keyed by, so that no cache ever holds a token as a key
 * (a heap dump or a debug print of a cache shows hashes, not credentials). Four longs make
 * {@code equals}/{@code hashCode} cheap and allocation-light.
 */
public record TokenHash(long a, long b, long c, long d) {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    public static TokenHash of(String token) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        return new TokenHash(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /** Never prints the hash either: it would let a log reader correlate sessions to a token. */
    @Override
    public String toString() {
        return "TokenHash[...]";
    }
}
