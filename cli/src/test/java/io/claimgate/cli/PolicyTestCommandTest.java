package io.claimgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTestCommandTest {
    private static final String POLICY = "../samples/config/policy.yaml";

    @TempDir
    Path dir;

    @Test
    void theSampleCasesPass() {
        CliRun run = CliRun.of("policy", "test", POLICY, "../samples/config/policy-cases.yaml");
        assertEquals(ExitCode.OK, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("PASS client2 may not write topic: User:client2 write topic 'topic' -> deny"), run.out());
        assertTrue(run.out().contains("PASS: 19/19 cases passed"), run.out());
    }

    @Test
    void aWrongExpectationFailsWithWhatDecided() {
        Path cases = CliRun.write(dir, "cases.yaml", """
                cases:
                  - {name: ok, principal: client2, operation: read, topic: topic, expect: allow}
                  - {name: wrong, principal: client2, operation: write, topic: topic, expect: allow}
                """);
        CliRun run = CliRun.of("policy", "test", POLICY, cases.toString());
        assertEquals(ExitCode.FAILED, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("PASS ok:"), run.out());
        assertTrue(run.out().contains("FAIL wrong: User:client2 write topic 'topic' -> deny"), run.out());
        assertTrue(run.out().contains("expected allow; decided by no rule matched"), run.out());
        assertTrue(run.out().contains("FAIL: 1/2 cases passed"), run.out());
    }

    @Test
    void explainNamesTheDecidingRuleWithItsPosition() {
        CliRun run = CliRun.of("policy", "explain", POLICY, "../samples/config/policy-cases.yaml",
                "--case", "client2 reads topic");
        assertEquals(ExitCode.OK, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("decision:   ALLOW"), run.out());
        assertTrue(run.out().contains("decided by: policy 'client2-limited' rule #2 (allow topic [topic] read) at "
                + POLICY + ":" + lineOf("names: [topic], operations: [read]") + ":9"), run.out());
        CliRun acl = CliRun.of("policy", "explain", POLICY, "../samples/config/policy-cases.yaml",
                "--case", "a Kafka DENY ACL overrides the policy");
        assertEquals(ExitCode.OK, acl.exit(), acl.out() + acl.err());   // expected deny, and denied
        assertTrue(acl.out().contains("decision:   DENY") && acl.out().contains("(Kafka ACL)"), acl.out());
    }

    @Test
    void aMistakeInTheCasesFileIsBadUsageNamingTheCase() {
        Path cases = CliRun.write(dir, "cases.yaml", """
                cases:
                  - {name: typo, principal: client2, operation: raed, topic: topic, expect: allow}
                """);
        CliRun run = CliRun.of("policy", "test", POLICY, cases.toString());
        assertEquals(ExitCode.USAGE, run.exit());
        assertTrue(run.err().contains("case #1 'typo': operation: unknown value 'raed'"), run.err());

        Path nullClaim = CliRun.write(dir, "null-claim.yaml", """
                cases:
                  - {name: n, principal: team, claims: {topics: }, operation: read, topic: t, expect: deny}
                """);
        CliRun claim = CliRun.of("policy", "test", POLICY, nullClaim.toString());
        assertEquals(ExitCode.USAGE, claim.exit());
        assertTrue(claim.err().contains("case #1 'n': claims: 'topics' has no value"), claim.err());
    }

    @Test
    void claimsAndScopesReachTheConditions() {
        Path cases = CliRun.write(dir, "claims.yaml", """
                cases:
                  - {name: own, principal: team, scopes: [kafka], claims: {topics: [a-events]}, operation: write, topic: a-events, expect: allow}
                  - {name: no scope, principal: team, claims: {topics: [a-events]}, operation: write, topic: a-events, expect: deny}
                """);
        CliRun run = CliRun.of("policy", "test", POLICY, cases.toString());
        assertEquals(ExitCode.OK, run.exit(), run.out() + run.err());
    }

    /** The 1-based line of the sample policy holding {@code text}, so the test follows edits of the file. */
    private static int lineOf(String text) {
        try {
            List<String> lines = Files.readAllLines(Path.of(POLICY));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the sample policy has no line with " + text);
    }
}
