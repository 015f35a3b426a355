package io.claimgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the policy file parser (YAML, keys, globs, CEL compilation), as the authorizer, the
 * record filter and the policy watcher call it. Without {@code JAZZER_FUZZ} this runs the seeds in
 * {@code PolicyParserFuzzTestInputs/parse/} (the sample policy files among them).
 * <ul>
 *   <li>the only exception is {@link PolicyException}: the watcher catches nothing else, so any
 *       other exception would escape a reload;</li>
 *   <li>a refusal lists at least one problem, each starting with the file's name;</li>
 *   <li>what is accepted is whole: unique policy and filter names, every rule with an effect, a
 *       resource type, at least one operation and names (globs or an expression), every filter with
 *       topics and an expression, and the digest of exactly these bytes;</li>
 *   <li>parsing is deterministic: the same bytes give the same policies.</li>
 * </ul>
 */
class PolicyParserFuzzTest {
    private static final String SOURCE = "fuzz.yaml";

    @FuzzTest(maxDuration = "6m")
    void parse(byte[] input) {
        PolicyFile file;
        try {
            file = PolicyParser.parse(SOURCE, input);
        } catch (PolicyException e) {
            assertFalse(e.problems().isEmpty(), "a refusal says why");
            for (String problem : e.problems()) {
                assertTrue(problem.startsWith(SOURCE), () -> "problem without its file: " + problem);
            }
            return;
        }
        assertEquals(PolicyFile.sha256Of(input), file.sha256());
        Set<String> names = new HashSet<>();
        for (Policy policy : file.policies()) {
            assertTrue(names.add(policy.name()), () -> "two policies named " + policy.name());
            for (Rule rule : policy.rules()) {
                assertTrue(rule.effect() != null && rule.resourceType() != null && !rule.operations().isEmpty(),
                        rule::describe);
                assertTrue(rule.names().isPresent() != rule.namesFrom().isPresent(), rule::describe);
            }
        }
        Set<String> filters = new HashSet<>();
        for (RecordFilter filter : file.recordFilters()) {
            assertTrue(filters.add(filter.name()), () -> "two record filters named " + filter.name());
            assertTrue(filter.topics() != null && filter.skipWhen() != null, filter::name);
        }
        PolicyFile again;
        try {
            again = PolicyParser.parse(SOURCE, input);
        } catch (PolicyException e) {
            throw new AssertionError("accepted once, refused the second time: " + e.getMessage(), e);
        }
        assertEquals(summary(file), summary(again), "deterministic");
    }

    private static List<String> summary(PolicyFile file) {
        return file.policies().stream().flatMap(p -> p.rules().stream().map(r -> p.name() + ": " + r.describe()))
                .toList();
    }
}
