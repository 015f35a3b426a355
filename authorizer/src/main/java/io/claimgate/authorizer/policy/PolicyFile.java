package io.claimgate.authorizer.policy;

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

    public int ruleCount() {
        return policies.stream().mapToInt(p -> p.rules().size()).sum();
    }
}
