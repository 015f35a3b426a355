package io.claimgate.authorizer.policy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A parsed, fully compiled policy file: nothing in it can fail to compile any more. Immutable;
 * a new file content gives a new instance, swapped in whole.
 *
 * @param source  where it came from (a path), for messages
 * @param sha256  hex digest of the bytes it was parsed from, to notice real changes on reload
 */
public record PolicyFile(String source, List<Policy> policies, List<RecordFilter> recordFilters, String sha256) {
    public PolicyFile {
        policies = List.copyOf(policies);
        recordFilters = List.copyOf(recordFilters);
    }

    /** The {@link #sha256} of a file's bytes: what the parser records and the watcher compares. */
    public static String sha256Of(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public int ruleCount() {
        return policies.stream().mapToInt(p -> p.rules().size()).sum();
    }
}
