package io.claimgate.policy;

import io.claimgate.common.text.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, fully compiled policy file: nothing in it can fail to compile any more. Immutable;
 * a new file content gives a new instance, swapped in whole.
 *
 * @param source  where it came from (a path), for messages
 * @param sha256  hex digest of the bytes it was parsed from, to notice real changes on reload
 */
public final class PolicyFile {
    private final String source;
    private final List<Policy> policies;
    private final List<RecordFilter> recordFilters;
    private final String sha256;

    public PolicyFile(String source, List<Policy> policies, List<RecordFilter> recordFilters, String sha256) {
        this.source = source;
        this.policies = List.copyOf(policies);
        this.recordFilters = List.copyOf(recordFilters);
        this.sha256 = sha256;
    }

    public String source() {
        return source;
    }

    public List<Policy> policies() {
        return policies;
    }

    public List<RecordFilter> recordFilters() {
        return recordFilters;
    }

    public String sha256() {
        return sha256;
    }

    /** The {@link #sha256} of a file's bytes: what the parser records and the watcher compares. */
    public static String sha256Of(byte[] content) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public int ruleCount() {
        return policies.stream().mapToInt(p -> p.rules().size()).sum();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PolicyFile)) {
            return false;
        }
        PolicyFile other = (PolicyFile) o;
        return Objects.equals(source, other.source) && policies.equals(other.policies)
                && recordFilters.equals(other.recordFilters) && Objects.equals(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, policies, recordFilters, sha256);
    }

    @Override
    public String toString() {
        return "PolicyFile[source=" + source + ", policies=" + policies + ", recordFilters=" + recordFilters
                + ", sha256=" + sha256 + "]";
    }
}
